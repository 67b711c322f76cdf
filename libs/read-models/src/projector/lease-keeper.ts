import type { ReadStore } from '../store/read-store.port';

/**
 * Holds one lease: acquires it, renews it every third of its ttl and reports when it is lost, so the
 * holder stops applying before another instance can take over (the ttl leaves two renewals of margin).
 */
export class LeaseKeeper {
  private renewal: NodeJS.Timeout | null = null;
  private held = false;

  constructor(
    private readonly store: ReadStore,
    private readonly name: string,
    private readonly owner: string,
    private readonly ttlMs: number,
    private readonly onLost: () => void = () => undefined,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  async acquire(): Promise<boolean> {
    this.held = await this.store.acquireLease(this.name, this.owner, this.ttlMs);
    if (this.held && this.renewal === null) {
      this.renewal = setInterval(() => void this.renew(), Math.max(10, Math.floor(this.ttlMs / 3)));
      this.renewal.unref();
    }
    return this.held;
  }

  async release(): Promise<void> {
    this.stopRenewing();
    if (!this.held) return;
    this.held = false;
    await this.store.releaseLease(this.name, this.owner).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const renewed = await this.store.acquireLease(this.name, this.owner, this.ttlMs).catch(() => false);
    if (renewed || !this.held) return;
    this.held = false;
    this.stopRenewing();
    this.onLost();
  }

  private stopRenewing(): void {
    if (this.renewal !== null) clearInterval(this.renewal);
    this.renewal = null;
  }
}
