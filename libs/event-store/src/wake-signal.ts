/** Lets any number of waiters sleep until the next notify (or a timeout), without busy polling. */
export class WakeSignal {
  private waiters = new Set<(notified: boolean) => void>();

  /** Resolves true when notified, false when the timeout came first. */
  wait(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (notified: boolean): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(notified);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiters.add(done);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) waiter(true);
  }
}
