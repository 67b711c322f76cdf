import { WakeSignal } from '@crm/event-store';
import { LeaseKeeper, type ReadStore } from '@crm/read-models';

/** A background process that follows the log from its checkpoint until stopped (CheckpointedRunner). */
export interface BackgroundProcess {
  /** `mayContinue` is asked before each step: once it says no, the process takes no further step. */
  start(mayContinue?: () => boolean): void;
  stop(): Promise<void>;
}

type Log = (level: 'log' | 'warn' | 'error', message: string) => void;

/** How often the holder looks at its lease between renewals (the keeper renews it and says when it is lost). */
const HELD_CHECK_DIVISOR = 3;
const RETRY_MS = 1_000;

/**
 * Runs a background process in one projector process at a time, under a lease of its own: the others
 * wait until the holder's lease expires and the first to take it starts the process from its
 * checkpoint.
 *
 * Unlike a projection's batches, the process's steps are not fenced by the lease: a holder that lost
 * it (a renewal unanswered past the expiry) may still be finishing the step it began while the next
 * holder starts, and it takes no further step (`mayContinue`). That brief overlap is safe because the
 * steps are idempotent (lead conversion and pipeline revision append with expected revisions and
 * deterministic ids, so a step done twice is done once), and a checkpoint saved late only repeats steps.
 */
export class LeasedProcess {
  private readonly lease: LeaseKeeper;
  private readonly wake = new WakeSignal();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private running = false;

  constructor(
    store: ReadStore,
    private readonly leaseName: string,
    owner: string,
    private readonly ttlMs: number,
    private readonly process: BackgroundProcess,
    private readonly log: Log,
  ) {
    this.lease = new LeaseKeeper(store, leaseName, owner, ttlMs, () => this.wake.notify());
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.notify();
    await this.loop;
    this.loop = null;
    await this.pause();
    await this.lease.release();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (this.lease.isHeld) {
          if (!this.running) this.resume();
        } else if (await this.lease.acquire()) {
          // Taken anew (first, or after it was lost): the process starts again from its checkpoint.
          await this.pause();
          if (!this.stopping) this.resume();
        } else {
          await this.pause();
          const ms = await this.lease.msUntilTakeable();
          if (!this.stopping) await this.wake.wait(ms);
          continue;
        }
        // A stop that came while the lease was asked for has already notified: do not sleep past it.
        if (!this.stopping) await this.wake.wait(Math.floor(this.ttlMs / HELD_CHECK_DIVISOR));
      } catch (error) {
        this.log('error', `${this.leaseName}: ${error instanceof Error ? error.message : String(error)}; retrying`);
        await this.pause();
        if (!this.stopping) await this.wake.wait(RETRY_MS);
      }
    }
  }

  private resume(): void {
    this.running = true;
    this.process.start(() => this.lease.isHeld && !this.stopping);
    this.log('log', `${this.leaseName}: running here`);
  }

  private async pause(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.process.stop();
  }
}
