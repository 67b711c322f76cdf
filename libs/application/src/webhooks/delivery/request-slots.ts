/**
 * Bounds how many requests are in flight across every endpoint: one slow receiver takes one slot and
 * holds up no other endpoint, many slow ones together cannot open sockets without limit.
 */
export class RequestSlots {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A request limit must be a whole number from 1, not ${limit}`);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy < this.limit) this.busy++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so the count never dips below what is in flight.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }

  get inFlight(): number {
    return this.busy;
  }
}
