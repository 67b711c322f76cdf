/**
 * Numbers appended one by one into a typed array that is kept and reused by the next computation:
 * the reports run synchronously, one at a time, and a growing JavaScript array per bucket or stage
 * left megabytes of garbage per request behind (copies of itself as it grew).
 */
export class Scratch {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  at(i: number): number {
    return this.values[i];
  }

  /** The numbers pushed, as a view valid until the list is lent again. */
  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

/** Scratch lists lent to one synchronous computation; `reset` at its start makes all of them free again. */
export class ScratchPool {
  private readonly lists: Scratch[] = [];
  private lent = 0;

  reset(): void {
    this.lent = 0;
  }

  take(): Scratch {
    const list = (this.lists[this.lent] ??= new Scratch());
    this.lent++;
    list.length = 0;
    return list;
  }
}
