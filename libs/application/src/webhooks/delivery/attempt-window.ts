import type { LeaseKeeper } from '@crm/read-models';

/** Raised instead of sending when the lease is not surely held for as long as an attempt may take: nothing was sent. */
export class LeaseEndingError extends Error {
  constructor() {
    super('the delivery lease is not surely held for as long as an attempt may take');
    this.name = 'LeaseEndingError';
  }
}

/**
 * When an attempt may start: only while the delivery lease is surely held for longer than the attempt
 * may last plus a margin (a sixth of the ttl, for the clocks and timers of two processes that never
 * quite agree), so no attempt is still under way when another process may take the lease over. A lease
 * renewed on time never closes the window: renewed every third of the ttl, it is held for at least two
 * thirds of it, more than a third (the longest timeout allowed) plus the margin.
 */
export class AttemptWindow {
  /** How long the lease must still be held for an attempt to start. */
  readonly neededMs: number;

  constructor(private readonly lease: Pick<LeaseKeeper, 'surelyHeldForMs'>, attemptTimeoutMs: number, leaseTtlMs: number) {
    if (!(attemptTimeoutMs > 0) || attemptTimeoutMs >= leaseTtlMs / 3) {
      throw new RangeError(
        `A webhook attempt's timeout (${attemptTimeoutMs} ms) must be positive and under a third of the delivery lease's ttl (${leaseTtlMs} ms): ` +
          'an attempt must end well before a lease that is no longer renewed expires',
      );
    }
    this.neededMs = attemptTimeoutMs + Math.floor(leaseTtlMs / 6);
  }

  get open(): boolean {
    return this.lease.surelyHeldForMs() > this.neededMs;
  }

  /** Throws `LeaseEndingError` unless an attempt may start now. */
  check(): void {
    if (!this.open) throw new LeaseEndingError();
  }
}
