import type { Clock, ReadStore } from '../store/read-store.port';

/** A lease found free but not taken (another process won the race) is asked for again this soon. */
const MIN_RETRY_MS = 5;

/**
 * Holds one lease: acquires it, renews it every third of its ttl and reports when it is lost, so the
 * holder stops before another instance can take over (the ttl leaves two renewals of margin).
 *
 * The lease is surely held until the start of the last acquire that succeeded plus the ttl: the store
 * set its expiry no earlier than that. A renewal that fails loses it at once; one that does not answer
 * (a hung store) loses it when that time passes, so the holder never goes on past the expiry another
 * instance sees.
 */
export class LeaseKeeper {
  private renewal: NodeJS.Timeout | null = null;
  private expiry: NodeJS.Timeout | null = null;
  private held = false;
  private heldUntil = 0;
  /** Bumped whenever holding starts or stops: an answer to a renewal of an earlier term is ignored. */
  private term = 0;
  private renewingTerm: number | null = null;

  constructor(
    private readonly store: ReadStore,
    private readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly onLost: () => void = () => undefined,
    private readonly now: Clock = Date.now,
  ) {}

  get isHeld(): boolean {
    return this.surelyHeldForMs() > 0;
  }

  /** How much longer the lease is surely held, in ms: 0 when it is not. */
  surelyHeldForMs(): number {
    return this.held ? Math.max(0, this.heldUntil - this.now()) : 0;
  }

  async acquire(): Promise<boolean> {
    const started = this.now();
    const taken = await this.store.acquireLease(this.name, this.owner, this.ttlMs);
    if (!taken) {
      this.stopHolding();
      return false;
    }
    if (!this.held) {
      this.held = true;
      this.term++;
      this.renewal = setInterval(() => void this.renew(), Math.max(10, Math.floor(this.ttlMs / 3)));
      this.renewal.unref();
    }
    this.extendTo(started + this.ttlMs);
    return true;
  }

  /**
   * How long a process that could not take the lease should wait before it tries again: until the
   * holder's lease expires (a holder alive renews it meanwhile, one killed leaves it to expire), so a
   * lease a dead holder left is taken within its ttl of that holder's last renewal, not a poll later.
   */
  async msUntilTakeable(): Promise<number> {
    const left = await this.store.leaseTimeLeft(this.name);
    // A millisecond past the expiry: the store takes a lease over only once `expires_at <= now`.
    return left === null ? MIN_RETRY_MS : Math.min(this.ttlMs, left + 1);
  }

  async release(): Promise<void> {
    if (!this.held) return this.stopHolding();
    this.stopHolding();
    await this.store.releaseLease(this.name, this.owner).catch(() => undefined);
  }

  /** One renewal at a time: while one is unanswered, the expiry decides. */
  private async renew(): Promise<void> {
    const term = this.term;
    if (this.renewingTerm === term) return;
    this.renewingTerm = term;
    const started = this.now();
    const renewed = await this.store.acquireLease(this.name, this.owner, this.ttlMs).catch(() => false);
    if (this.renewingTerm === term) this.renewingTerm = null;
    if (term !== this.term || !this.held) return;
    if (renewed) this.extendTo(started + this.ttlMs);
    else this.lose();
  }

  private extendTo(until: number): void {
    this.heldUntil = Math.max(this.heldUntil, until);
    if (this.expiry !== null) clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.expireIfDue(), Math.max(0, this.heldUntil - this.now()));
    this.expiry.unref();
  }

  private expireIfDue(): void {
    this.expiry = null;
    if (!this.held) return;
    if (this.now() >= this.heldUntil) this.lose();
    else this.extendTo(this.heldUntil);
  }

  private lose(): void {
    if (!this.held) return;
    this.stopHolding();
    this.onLost();
  }

  private stopHolding(): void {
    if (this.held) this.term++;
    this.held = false;
    this.heldUntil = 0;
    if (this.renewal !== null) clearInterval(this.renewal);
    if (this.expiry !== null) clearTimeout(this.expiry);
    this.renewal = null;
    this.expiry = null;
  }
}
