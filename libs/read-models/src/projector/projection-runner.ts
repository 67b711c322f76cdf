import { WakeSignal, type EventStore, type Subscription, type UnreadableEvent } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { AppliedThrough } from './applied-through';
import { BatchApplier } from './batch-applier';
import { eventBatches } from './event-batches';
import type { ParkableEvent } from './parked-events';
import { ensureTargetCollections, readActiveGeneration } from './generations';
import { LeaseKeeper } from './lease-keeper';
import { liveLease, sameGeneration, targetOf, type ProjectionTarget } from './projection-target';
import type { SwitchClock } from './old-copy-drop';
import type { ProjectorSignals } from './projector-signals';
import { rebuildProjections } from './rebuilder';
import { parkUnreadableIn } from './unreadable-events';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface RunnerSettings {
  owner: string;
  leaseTtlMs: number;
  batchSize: number;
  batchWaitMs: number;
  busyBatchWaitMs: number;
  /** Pause before retrying after a failed write or a lost connection. */
  retryMs: number;
  /** The old copy's drop after a rebuild's switch: see `oldCopyDropsAt`. */
  aliasTtlMs: number;
  dropGraceMs: number;
  switchClock: SwitchClock;
  /**
   * What the documents of one runner's first build may weigh. Every runner of a process may build at
   * once (a projector started on a long log), so each gets its share of the process's rebuild budget.
   */
  buildMemoryBudgetBytes: number;
  buildBatchSize?: number;
  signals: ProjectorSignals;
  log(level: 'log' | 'warn' | 'error', message: string): void;
}

export type RunnerState = 'STARTING' | 'STANDBY' | 'REBUILDING' | 'ACTIVE' | 'STOPPED';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs writes one after another: a batch and the flush of an event parked while it gathered never overlap. */
const serialWrites = (): (<T>(write: () => Promise<T>) => Promise<T>) => {
  let last: Promise<unknown> = Promise.resolve();
  return (write) => {
    const next = last.then(write, write);
    last = next.catch(() => undefined);
    return next;
  };
};

/**
 * The live subscription of one projection. Only the lease holder applies; the others wait on standby.
 * Each batch first checks that its generation is still the one readers use: after a rebuild switched,
 * the runner moves to the new generation from that generation's checkpoint.
 */
export class ProjectionRunner {
  state: RunnerState = 'STOPPED';
  private readonly lease: LeaseKeeper;
  private subscription: Subscription | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private restartRequested = false;
  private readonly stopped = new WakeSignal();

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    readonly projection: Projection,
    private readonly settings: RunnerSettings,
  ) {
    this.lease = new LeaseKeeper(store, liveLease(projection.name), settings.owner, settings.leaseTtlMs, () => this.restart('lease lost'));
    settings.signals.onSwitch((name) => name === projection.name && this.restart('switched to a rebuilt copy'));
  }

  /** Takes the lease if free; true when this runner is now the active instance. */
  async tryAcquire(): Promise<boolean> {
    return this.lease.isHeld || this.lease.acquire();
  }

  /** True when readers have no copy of the projection's current version yet. */
  async needsBuild(): Promise<boolean> {
    const active = await readActiveGeneration(this.store, this.projection.name);
    return active === null || active.version !== this.projection.version;
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.notify();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
    await this.lease.release();
    this.state = 'STOPPED';
  }

  private restart(reason: string): void {
    if (this.stopping || this.subscription === null) return;
    this.settings.log('log', `${this.projection.name}: restarting (${reason})`);
    this.restartRequested = true;
    void this.subscription.close();
  }

  private async run(): Promise<void> {
    this.state = 'STARTING';
    while (!this.stopping) {
      try {
        if (!(await this.tryAcquire())) {
          this.state = 'STANDBY';
          // Until the holder's lease expires; stop() wakes it.
          const ms = await this.lease.msUntilTakeable();
          if (!this.stopping) await this.stopped.wait(ms);
          continue;
        }
        await this.follow(await this.currentTarget());
      } catch (error) {
        this.settings.log('error', `${this.projection.name}: ${error instanceof Error ? error.message : String(error)}; retrying`);
        await sleep(this.settings.retryMs);
      }
    }
  }

  /** The generation to follow; builds the projection first when its version has no copy yet. */
  private async currentTarget(): Promise<ProjectionTarget> {
    if (await this.needsBuild()) {
      this.state = 'REBUILDING';
      const { owner, leaseTtlMs, aliasTtlMs, dropGraceMs, switchClock, signals, buildMemoryBudgetBytes, buildBatchSize } = this.settings;
      await rebuildProjections(this.events, this.store, [this.projection], {
        owner, leaseTtlMs, aliasTtlMs, dropGraceMs, switchClock, signals, onParked: this.parkedLogger(),
        memoryBudgetBytes: buildMemoryBudgetBytes, batchSize: buildBatchSize,
      });
    }
    const active = await readActiveGeneration(this.store, this.projection.name);
    if (active === null) throw new Error('no active generation after the build');
    const target = targetOf(this.projection, active);
    await ensureTargetCollections(this.store, target, true);
    return target;
  }

  private async follow(target: ProjectionTarget): Promise<void> {
    const fence = { lease: liveLease(this.projection.name), owner: this.settings.owner };
    const applier = new BatchApplier(this.store, target, { onParked: this.parkedLogger(), fence });
    const checkpoint = await this.store.getCheckpoint(target.checkpoint);
    this.restartRequested = false;
    // An unreadable event is parked with the next batch, or by the flush queued here when none follows.
    const serial = serialWrites();
    const park = parkUnreadableIn([{ target, applier }]);
    const onUnreadable = (unreadable: UnreadableEvent): void => {
      park(unreadable);
      serial(() => applier.flush()).catch((error: unknown) => this.settings.log('error', `${this.projection.name}: parking an unreadable event failed: ${String(error)}`));
    };
    const tell = (position: bigint): void => this.settings.signals.checkpointed(this.projection.name, position, target.generation);
    const through = new AppliedThrough(tell);
    const onCaughtUp = (position: bigint): void => through.caughtUp(position);
    this.subscription = this.events.subscribeToAll({ after: checkpoint?.position ?? undefined, filter: this.projection.filter, onUnreadable, onCaughtUp });
    this.state = 'ACTIVE';
    try {
      // stop() may have run while this runner was still starting, before there was a subscription to close.
      if (this.stopping) return;
      const batches = eventBatches(through.counted(this.subscription), {
        maxSize: this.settings.batchSize,
        maxWaitMs: this.settings.batchWaitMs,
        busyWaitMs: this.settings.busyBatchWaitMs,
      });
      for await (const batch of batches) {
        if (this.stopping || this.restartRequested || !this.lease.isHeld || !(await this.stillActive(target))) break;
        await serial(() => applier.applyBatch(batch));
        const position = through.batchApplied(batch.length, applier.position);
        if (position !== null) tell(position);
        await yieldToEventLoop();
      }
    } finally {
      await this.subscription.close();
      this.subscription = null;
    }
  }

  private async stillActive(target: ProjectionTarget): Promise<boolean> {
    return sameGeneration(await readActiveGeneration(this.store, this.projection.name), target.generation);
  }

  private parkedLogger(): (event: ParkableEvent, error: unknown) => void {
    return (event, error) =>
      this.settings.log('warn', `${this.projection.name}: parked ${event.type} ${event.streamName}@${event.revision} (position ${event.position}): ${String(error)}`);
  }
}
