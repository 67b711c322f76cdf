/**
 * A mailbox that keeps only the newest value: a reader that falls behind gets the latest state, never
 * a growing backlog. For snapshots such as a pipeline, where an older one is worth nothing.
 */
export class LatestValue<T> implements AsyncIterableIterator<T> {
  private value: { current: T } | null = null;
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(private readonly onClose: () => void) {}

  offer(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value, done: false });
    } else {
      this.value = { current: value };
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.value) {
      const { current } = this.value;
      this.value = null;
      return Promise.resolve({ value: current, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.value = null;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
