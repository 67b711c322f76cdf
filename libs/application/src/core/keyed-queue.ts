/**
 * Runs the work given under one key one after another, and work under different keys at once. A
 * key with nothing in flight costs one map entry: the work starts at once, without waiting a turn.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    // After the one before settles, whether it succeeded or failed: its caller has its outcome.
    const mine = before === undefined ? work() : before.then(work, work);
    this.tails.set(key, mine);
    const settled = (): void => {
      if (this.tails.get(key) === mine) this.tails.delete(key);
    };
    mine.then(settled, settled);
    return mine;
  }
}
