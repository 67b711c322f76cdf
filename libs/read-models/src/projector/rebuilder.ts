import type { EventStore } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import { LeaseLostError, ReadStoreClosedError } from '../store/read-store.errors';
import type { Projection } from '../projections/projection';
import type { BatchApplierOptions } from './batch-applier';
import { activate, dropTarget, ensureTargetCollections, nextGeneration, readActiveGeneration } from './generations';
import { LeaseKeeper } from './lease-keeper';
import { DEFAULT_ALIAS_TTL_MS, DEFAULT_DROP_GRACE_MS, oldCopyDropsAt, systemSwitchClock, type SwitchClock } from './old-copy-drop';
import { ensureParkedCollection } from './parked-events';
import { generationExtra, rebuildLease, sameGeneration, sharedReadFilter, targetOf, type ProjectionTarget } from './projection-target';
import { replayLane, replayPass, writeReplayed, type ReplayLane } from './rebuild-replay';
import type { ProjectorSignals } from './projector-signals';
import { DEFAULT_REBUILD_MEMORY_BYTES, MemoryBudget } from './memory-budget';
import { releaseLanes, relieveLanes } from './rebuild-eviction';

/**
 * replay: reading the log into memory; write: storing the rebuilt documents; index: building the
 * indexes after the bulk load; catch-up: applying what was appended meanwhile; switch: readers move.
 */
export type RebuildPhase = 'replay' | 'write' | 'index' | 'catch-up' | 'switch' | 'done';

export interface RebuildProgress {
  projections: string[];
  phase: RebuildPhase;
  /** Last log position applied, and the head of the log when the phase started (the bar's total). */
  position: bigint | null;
  head: bigint | null;
  events: number;
  eventsPerSecond: number;
}

export interface RebuildOptions extends Omit<BatchApplierOptions, 'budget' | 'exclusive'> {
  owner: string;
  /**
   * What the documents a rebuild holds in memory may weigh, all its projections together (default
   * 256 MiB); past it they are written out and read back when needed. Infinity: all stay in memory.
   */
  memoryBudgetBytes?: number;
  /** Events applied at a time during the replay (default `REPLAY_BATCH_EVENTS`). */
  batchSize?: number;
  leaseTtlMs?: number;
  /** How long readers trust a resolved alias (as ReadModels' `aliasTtlMs`): the old copy outlives the switch by more. */
  aliasTtlMs?: number;
  /** What a read that started on the old copy within the alias ttl is given to finish (see `oldCopyDropsAt`). */
  dropGraceMs?: number;
  switchClock?: SwitchClock;
  signals?: ProjectorSignals;
  onProgress?(progress: RebuildProgress): void;
}

export interface RebuildResult {
  projections: string[];
  events: number;
  position: bigint | null;
  seconds: number;
  eventsPerSecond: number;
  /** The most the documents held in memory were estimated to weigh at once (0 without a budget). */
  peakHeldBytes: number;
  /** How many times the budget was reached, the documents written out and the least recent evicted. */
  evictions: number;
  /** Full collections forced to keep the heap within the budget (0 without a budget). */
  collections: number;
}

export class RebuildInProgressError extends Error {
  constructor(projection: string) {
    super(`A rebuild of ${projection} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

/**
 * Events read and applied at a time in the replay. A batch's events stay alive until every lane has
 * applied it, so a batch that takes longer than the young generation lasts is promoted whole into
 * the old one as garbage: at 10,000 events, a rebuild of 1,000,000 filled the heap twice as fast and
 * spent ~15 % more CPU in all than at 1,000 (the per-batch work is a few lanes' calls and a yield).
 */
export const REPLAY_BATCH_EVENTS = 1_000;

type Plan = { lane: ReplayLane; previous: ProjectionTarget | null };
/**
 * A rebuilt copy and the copy it replaces: all the switch needs. Not the lane, whose applier holds the
 * replay's documents: they are garbage once the copy is written, while the old copy's drop waits
 * (and a rebuild on threads starts its next projection in the same heap meanwhile).
 */
type Switch = { target: ProjectionTarget; previous: ProjectionTarget | null };

/**
 * Blue-green rebuild of several projections in one read of the log: each into its next generation
 * (created without indexes, which are built once after the bulk load), then caught up to the head,
 * then switched, then the old generation is dropped. The old generation keeps serving (and being
 * updated by the live projector) until the switch.
 */
export const rebuildProjections = async (events: EventStore, store: ReadStore, projections: readonly Projection[], options: RebuildOptions): Promise<RebuildResult> => {
  const leases = await acquireRebuildLeases(store, projections, options);
  try {
    await ensureParkedCollection(store);
    const { switches, result } = await replayAll(events, store, projections, options);
    const clock = options.switchClock ?? systemSwitchClock;
    for (const { target } of switches) {
      await activate(store, target, clock.now());
      options.signals?.switched(target.projection.name);
    }
    // From the last alias moved: a reader may have resolved it just before.
    const dropsAt = oldCopyDropsAt(clock.now(), options.aliasTtlMs ?? DEFAULT_ALIAS_TTL_MS, options.dropGraceMs ?? DEFAULT_DROP_GRACE_MS);
    await dropPrevious(store, switches, dropsAt, clock);
    return result;
  } finally {
    await Promise.all(leases.map((lease) => lease.release()));
  }
};

/**
 * An event that makes a document no store can keep as given (not plain JSON) fails the write of its
 * chunk, and would at every attempt. Checking every document as it is applied costs the replay, and
 * such documents are rare, so the rebuild runs unchecked and, when a write fails, once more into an
 * emptied target with every event's documents checked: those events are parked, as the live projector
 * parks them, and the rest is rebuilt. A write that failed for another reason fails the second run too.
 */
const replayAll = async (events: EventStore, store: ReadStore, projections: readonly Projection[], options: RebuildOptions): Promise<{ switches: Switch[]; result: RebuildResult }> => {
  const run = async (checkDocuments: boolean): Promise<{ switches: Switch[]; result: RebuildResult }> => {
    const limit = options.memoryBudgetBytes ?? DEFAULT_REBUILD_MEMORY_BYTES;
    const budget = Number.isFinite(limit) ? new MemoryBudget(limit) : undefined;
    const plans = await Promise.all(projections.map((projection) => preparePlan(store, projection, { ...options, checkDocuments }, budget)));
    const lanes = plans.map(({ lane }) => lane);
    if (budget !== undefined) budget.relieve = () => relieveLanes(lanes, budget);
    const beforeIndexes = budget === undefined ? undefined : () => releaseLanes(lanes, budget);
    const result = await withCacheWithin(store, budget, () => replayToHead(events, store, plans, options, beforeIndexes));
    return { switches: plans.map(({ lane, previous }) => ({ target: lane.target, previous })), result: { ...result, peakHeldBytes: budget?.peakHeldBytes ?? 0, evictions: budget?.evictions ?? 0, collections: budget?.collections ?? 0 } };
  };
  try {
    return await run(options.checkDocuments === true);
  } catch (error) {
    if (options.checkDocuments || error instanceof LeaseLostError || error instanceof ReadStoreClosedError) throw error;
    return run(true);
  }
};

/**
 * The store's page cache is not counted in the budget: a bounded rebuild caps it at a sixteenth of
 * the budget while it writes (16 MiB of the default 256 MiB, against SQLite's 64 MiB), which kept the
 * rebuild process ~60 MiB smaller at the same speed.
 */
const CACHE_SHARE_OF_BUDGET = 1 / 16;

const withCacheWithin = async <T>(store: ReadStore, budget: MemoryBudget | undefined, run: () => Promise<T>): Promise<T> => {
  if (budget === undefined || store.limitCacheBytes === undefined) return run();
  store.limitCacheBytes(budget.limitBytes * CACHE_SHARE_OF_BUDGET);
  try {
    return await run();
  } finally {
    store.limitCacheBytes(undefined);
  }
};

const acquireRebuildLeases = async (store: ReadStore, projections: readonly Projection[], options: RebuildOptions): Promise<LeaseKeeper[]> => {
  const leases: LeaseKeeper[] = [];
  for (const projection of projections) {
    const lease = new LeaseKeeper(store, rebuildLease(projection.name), options.owner, options.leaseTtlMs ?? 30_000);
    if (!(await lease.acquire())) {
      await Promise.all(leases.map((held) => held.release()));
      throw new RebuildInProgressError(projection.name);
    }
    leases.push(lease);
  }
  return leases;
};

const preparePlan = async (store: ReadStore, projection: Projection, options: RebuildOptions, budget: MemoryBudget | undefined): Promise<Plan> => {
  const active = await readActiveGeneration(store, projection.name);
  const target = targetOf(projection, nextGeneration(projection, active));
  // Leftovers of an interrupted rebuild of the same generation are not trusted.
  await dropTarget(store, target);
  await ensureTargetCollections(store, target, false);
  const fence = { lease: rebuildLease(projection.name), owner: options.owner };
  return { lane: replayLane(target, store, { ...options, fence, budget }), previous: active === null ? null : targetOf(projection, active) };
};

const replayToHead = async (
  events: EventStore,
  store: ReadStore,
  plans: readonly Plan[],
  options: RebuildOptions,
  beforeIndexes?: () => Promise<void>,
): Promise<Omit<RebuildResult, 'peakHeldBytes' | 'evictions' | 'collections'>> => {
  const names = plans.map(({ lane }) => lane.target.projection.name);
  const lanes = plans.map(({ lane }) => lane);
  const filter = sharedReadFilter(lanes.map((lane) => lane.target.projection));
  const started = process.hrtime.bigint();
  const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9 || 1e-9;
  let total = 0;
  let after: bigint | undefined;
  const progress = (phase: RebuildPhase, position: bigint | null, head: bigint | null): void =>
    options.onProgress?.({ projections: names, phase, position, head, events: total, eventsPerSecond: total / seconds() });
  for (let phase: RebuildPhase = 'replay'; ; phase = 'catch-up') {
    const head = await events.headPosition();
    const onBatch = (position: bigint, count: number): void => {
      total += count;
      progress(phase, position, head);
    };
    const pass = await replayPass(events, lanes, { after, filter, batchSize: options.batchSize ?? REPLAY_BATCH_EVENTS, onBatch });
    after = pass.after;
    if (phase === 'replay') progress('write', after ?? null, head);
    await writeReplayed(lanes);
    if (phase === 'replay') {
      progress('index', after ?? null, head);
      await beforeIndexes?.();
      for (const lane of lanes) await ensureTargetCollections(store, lane.target, true);
    }
    if (pass.read === 0 && phase === 'catch-up') break;
  }
  await markCaughtUp(store, plans, after);
  progress('switch', after ?? null, after ?? null);
  return { projections: names, events: total, position: after ?? null, seconds: seconds(), eventsPerSecond: total / seconds() };
};

/** Every lane has seen all its events up to the shared read position, matching or not. */
const markCaughtUp = async (store: ReadStore, plans: readonly Plan[], after: bigint | undefined): Promise<void> => {
  if (after === undefined) return;
  for (const { lane } of plans) {
    await lane.applier.flush();
    await store.writeBatch([], { name: lane.target.checkpoint, position: after, extra: generationExtra(lane.target.generation) });
  }
};

/** Drops the replaced copies once no reader can still be on them: at `dropsAt` (see `oldCopyDropsAt`). */
const dropPrevious = async (store: ReadStore, switches: readonly Switch[], dropsAt: number, clock: SwitchClock): Promise<void> => {
  const stale = switches.filter(({ target, previous }) => previous !== null && !sameGeneration(previous.generation, target.generation));
  if (stale.length === 0) return;
  await clock.sleepUntil(dropsAt);
  for (const { previous } of stale) await dropTarget(store, previous as ProjectionTarget);
};
