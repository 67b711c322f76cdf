import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { ALL_PROJECTIONS, projectionNamed } from '../projections/projection-registry';
import { ensureParkedCollection, listParked, type ParkedEvent } from './parked-events';
import { DEFAULT_REBUILD_MEMORY_BYTES } from './memory-budget';
import { ProjectionRunner, type RunnerSettings } from './projection-runner';
import { projectionStatus, type ProjectionStatus } from './projection-status';
import { ProjectorSignals } from './projector-signals';
import { DEFAULT_ALIAS_TTL_MS, DEFAULT_DROP_GRACE_MS, systemSwitchClock, type SwitchClock } from './old-copy-drop';
import { ReadModels, type ReadModelsOptions } from './read-models';
import { rebuildProjections, type RebuildProgress, type RebuildResult } from './rebuilder';

/**
 * A live batch's wait for more events while the log is busy. Under 32 clients' captureLeads it
 * took the read models from 5.6 captures per commit to 8.4, and the bytes written per captureLead
 * from about 20 KB to about 18; 5 ms and more cost throughput (ARCHITECTURE.md, "Known limits").
 */
export const DEFAULT_BUSY_BATCH_WAIT_MS = 2;

export type ProjectorLog = (level: 'log' | 'warn' | 'error', message: string) => void;

export interface ProjectorOptions {
  projections?: readonly Projection[];
  /** Identifies this process in leases; unique per process. */
  owner?: string;
  leaseTtlMs?: number;
  batchSize?: number;
  batchWaitMs?: number;
  /** How long a live batch waits for more events while the log is busy (see `BatchingOptions.busyWaitMs`). */
  busyBatchWaitMs?: number;
  retryMs?: number;
  /**
   * How long this process's readers trust a resolved alias; the old copy of a rebuilt model is
   * dropped `aliasTtlMs + dropGraceMs` after the switch (see `oldCopyDropsAt`). Readers in other
   * processes must not trust aliases longer than the rebuilding process's `aliasTtlMs`.
   */
  aliasTtlMs?: number;
  /**
   * What a read still running on the old copy is given to finish. Alias trust runs from when the
   * alias was asked for, so a lookup answered late is covered by `aliasTtlMs` already: the rule bounds
   * when a read on the old copy starts (before `switch + aliasTtlMs`), not when it ends, which is what
   * this grace is for; a read running longer than it may find the old copy gone.
   */
  dropGraceMs?: number;
  /** The clock the switch and drop go by (tests move it themselves). */
  switchClock?: SwitchClock;
  /** Events applied at a time while rebuilding. */
  rebuildBatchSize?: number;
  /**
   * What the documents a rebuild holds in memory may weigh, all projections of it together (default
   * 256 MiB, `CRM_REBUILD_MEMORY_MB`); past it they are written out and read back from the store.
   */
  rebuildMemoryBudgetBytes?: number;
  log?: ProjectorLog;
  /** How `readModels` waits for read-your-writes when the projector runs in other processes (the scaled API). */
  readers?: Pick<ReadModelsOptions, 'watchStore' | 'pollMs'>;
}

/**
 * Runs every projection with its own lease and checkpointed subscription, rebuilds them blue-green,
 * and reports their status. Several projector processes may run: each projection is applied by one.
 */
export class Projector {
  readonly signals = new ProjectorSignals();
  readonly readModels: ReadModels;
  private readonly projections: readonly Projection[];
  private readonly settings: RunnerSettings;
  private readonly runners: ProjectionRunner[];
  private readonly rebuildBatchSize: number | undefined;
  private readonly rebuildMemoryBudgetBytes: number | undefined;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    options: ProjectorOptions = {},
  ) {
    this.projections = options.projections ?? ALL_PROJECTIONS;
    this.settings = {
      owner: options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseTtlMs: options.leaseTtlMs ?? 15_000,
      batchSize: options.batchSize ?? 1_000,
      // Live batches take what is already there: waiting for more would delay every read-your-writes answer.
      batchWaitMs: options.batchWaitMs ?? 0,
      // Unless the log is busy: then a few milliseconds gather the next group commits' events into
      // one batch, so the projections commit less often for the same commands.
      busyBatchWaitMs: options.busyBatchWaitMs ?? DEFAULT_BUSY_BATCH_WAIT_MS,
      retryMs: options.retryMs ?? 1_000,
      aliasTtlMs: options.aliasTtlMs ?? DEFAULT_ALIAS_TTL_MS,
      dropGraceMs: options.dropGraceMs ?? DEFAULT_DROP_GRACE_MS,
      switchClock: options.switchClock ?? systemSwitchClock,
      buildMemoryBudgetBytes: Math.floor((options.rebuildMemoryBudgetBytes ?? DEFAULT_REBUILD_MEMORY_BYTES) / this.projections.length),
      buildBatchSize: options.rebuildBatchSize,
      signals: this.signals,
      log: options.log ?? ((level, message) => console[level](message)),
    };
    this.rebuildBatchSize = options.rebuildBatchSize;
    this.rebuildMemoryBudgetBytes = options.rebuildMemoryBudgetBytes;
    this.runners = this.projections.map((projection) => new ProjectionRunner(events, store, projection, this.settings));
    const { aliasTtlMs, switchClock } = this.settings;
    this.readModels = new ReadModels(store, events, { projections: this.projections, signals: this.signals, aliasTtlMs, clock: () => switchClock.now(), ...options.readers });
  }

  /**
   * Builds, in one read of the log, every projection this process holds the lease of and that has no
   * copy of its current version yet (first start, new version), then follows the log live.
   */
  async start(): Promise<void> {
    await ensureParkedCollection(this.store);
    const toBuild: Projection[] = [];
    for (const runner of this.runners) {
      if ((await runner.tryAcquire()) && (await runner.needsBuild())) toBuild.push(runner.projection);
    }
    if (toBuild.length > 0) await this.rebuildNow(toBuild);
    this.runners.forEach((runner) => runner.start());
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  status(): Promise<ProjectionStatus[]> {
    return Promise.all(this.projections.map((projection) => projectionStatus(this.events, this.store, projection)));
  }

  /** Rebuilds the named projections (all when omitted) into new copies and switches readers to them. */
  rebuild(names?: readonly string[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const projections = names === undefined ? this.projections : names.map((name) => projectionNamed(name, this.projections));
    return this.rebuildNow(projections, onProgress);
  }

  parked(name: string, first?: number): Promise<ParkedEvent[]> {
    const projection = projectionNamed(name, this.projections);
    return listParked(this.store, projection.name, projection.version, first);
  }

  private rebuildNow(projections: readonly Projection[], onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const { owner, leaseTtlMs, aliasTtlMs, dropGraceMs, switchClock, signals, log } = this.settings;
    return rebuildProjections(this.events, this.store, projections, {
      owner, leaseTtlMs, aliasTtlMs, dropGraceMs, switchClock, signals, onProgress, batchSize: this.rebuildBatchSize, memoryBudgetBytes: this.rebuildMemoryBudgetBytes,
      onParked: (event, error) => log('warn', `parked ${event.type} ${event.streamName}@${event.revision}: ${String(error)}`),
    });
  }
}
