import type { ApolloServerPlugin } from '@apollo/server';

/**
 * The GraphQL operations that started and have not answered yet. On shutdown HTTP closes first, and
 * its close completes once every connection is gone, but an operation whose client hung up keeps
 * running (its command may be with the write path, its read still to come). The stores close only
 * after those operations end, so none of them fails on a closed store.
 */
export class OperationsInFlight {
  private running = 0;
  private waiting: Array<() => void> = [];

  /** Apollo calls willSendResponse once for every request it started, errors included. */
  readonly plugin: ApolloServerPlugin = {
    requestDidStart: async () => {
      this.running += 1;
      return { willSendResponse: async () => this.ended() };
    },
  };

  get count(): number {
    return this.running;
  }

  /** Resolves true when none is running, or false after `timeoutMs` with some still running. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((wake) => wake !== onDrained);
        resolve(false);
      }, timeoutMs);
      const onDrained = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiting.push(onDrained);
    });
  }

  private ended(): void {
    this.running -= 1;
    if (this.running > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((wake) => wake());
  }
}
