import { UnreadableEventError, type RecordedEvent, type UnreadableEvent } from '@crm/event-store';
import type { ReadStore, WriteOp } from '../store/read-store.port';
import { LeaseLostError, ReadStoreClosedError } from '../store/read-store.errors';
import type { DocKey } from '../projections/projection';
import { generationExtra, type ProjectionTarget } from './projection-target';
import { parkOp, type ParkableEvent } from './parked-events';
import { ALREADY_APPLIED, EventDocs } from './event-docs';
import type { MemoryBudget } from './memory-budget';
import { TargetDocs, type CachedDoc } from './target-docs';
import { yieldToEventLoop } from './yield-to-event-loop';
import { inKeyOrder } from './write-order';

export interface BatchApplierOptions {
  /** Documents kept between batches; only the lease holder writes a target, so they stay valid. */
  maxCachedDocs?: number;
  onParked?(event: ParkableEvent, error: unknown): void;
  /**
   * The target started empty and only this applier writes it (a rebuild): documents stay in memory
   * and nothing is read from the store, until the `budget` is spent.
   */
  exclusive?: boolean;
  /**
   * Exclusive targets: what the documents held may weigh, shared with the other lanes of the rebuild.
   * When it is spent, every lane writes its changes out and keeps only its most recently changed
   * documents; the others are read from the store when an event needs them. None: all stay in memory.
   */
  budget?: MemoryBudget;
  /** The lease whose holder alone may store this applier's batches (checked in the batch's transaction). */
  fence?: { lease: string; owner: string };
  /**
   * Check every event's documents as it is applied and park the events that make one no store can
   * keep. Costs every event a walk of its documents: a rebuild turns it on only to run again after a
   * write failed.
   */
  checkDocuments?: boolean;
}

/** Documents per writeBatch when an exclusive target is written out. */
const WRITE_CHUNK = 5_000;

/**
 * Exclusive targets read what a slice of a batch names at once, the slice sized so that its
 * documents (guessed at a kilobyte per event) take a twentieth of the budget: a budget of a few
 * kilobytes then reads event by event, the default one whole batches.
 */
const prefetchSlice = (budget: MemoryBudget): number => Math.max(1, Math.floor((budget.limitBytes / 20) / 1_024));

/**
 * Exclusive targets prefetch a batch when the last one waited for a read more than once per this many
 * events (1,000,000 events, default budget: a few thousand reads in all, and prefetching every batch
 * measured 5-9 % slower than reading them as events asked).
 */
const EVENTS_PER_WAITED_READ = 100;

/** Runs of `apply` for one event before it is parked: each run reads what the previous one missed. */
const MAX_RUNS = 50;

/**
 * Applies events to one target in order and writes them with the checkpoint in one atomic writeBatch.
 * The documents an event names are read for the whole batch at once, later events see earlier results,
 * each document is written once per batch, and an event whose documents already carry its position
 * (or a later one) is skipped: batches are atomic, so such a document proves the event was applied.
 */
export class BatchApplier {
  private readonly docs: TargetDocs;
  private readonly eventDocs: EventDocs;
  private readonly parked: WriteOp[] = [];
  /**
   * Events the log could not read, parked between batches (a subscription reports them while the
   * next batch gathers): kept apart so a write in flight cannot clear one it did not take.
   */
  private unreadable: WriteOp[] = [];
  private lastApplied: bigint | null = null;
  private committed: bigint | null = null;
  /** Set while a batch is applied again after a failed write: each event's documents are checked. */
  private checking = false;
  private unstorableFound = 0;
  private readonly parkedThisBatch = new Set<bigint>();
  /** Exclusive targets: reads events of the last batch waited for, which decides whether the next is prefetched. */
  private waitedReads = 0;
  private lastBatchSize = 0;

  constructor(
    private readonly store: ReadStore,
    private readonly target: ProjectionTarget,
    private readonly options: BatchApplierOptions = {},
  ) {
    const exclusive = options.exclusive === true;
    this.docs = new TargetDocs(exclusive, exclusive ? Infinity : (options.maxCachedDocs ?? 50_000), exclusive ? options.budget : undefined);
    this.eventDocs = new EventDocs(this.docs, new Set(target.collections.keys()));
  }

  /** The position of the last write to the store. */
  get position(): bigint | null {
    return this.committed;
  }

  /** Applies a batch and writes it with the checkpoint. */
  async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    this.parkedThisBatch.clear();
    await this.apply(events);
    try {
      await this.flush();
    } catch (error) {
      if (!(await this.parkUnstorable(events, error))) throw error;
    }
  }

  /**
   * A write that failed because an event made a document no store can keep as given (not plain
   * JSON) would fail the same way at every retry, and the projection would stop there. So, live:
   * the batch is applied again from what is stored, each event's documents checked, the events that
   * make such a document parked, and the rest written. False when no event does: the write failed
   * for another reason, which the caller reports and retries.
   */
  private async parkUnstorable(events: readonly RecordedEvent[], error: unknown): Promise<boolean> {
    if (this.options.exclusive || error instanceof LeaseLostError || error instanceof ReadStoreClosedError) return false;
    this.docs.discardAll();
    this.parked.length = 0;
    this.lastApplied = this.committed;
    const found = this.unstorableFound;
    this.checking = true;
    try {
      await this.apply(events);
    } finally {
      this.checking = false;
    }
    if (this.unstorableFound === found) return false;
    await this.flush();
    return true;
  }

  /** The documents held, for a rebuild choosing what to evict. */
  get held(): TargetDocs {
    return this.docs;
  }

  /** Applies events in memory; `flush` writes them. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const budget = this.options.exclusive ? this.options.budget : undefined;
    const slice = budget === undefined ? events.length : prefetchSlice(budget);
    // A rebuild keeps its hot documents: when they sufficed for the last batch, asking every event
    // which documents it needs costs more than reading the few it misses one event at a time.
    const prefetching = budget === undefined || this.waitedReads * EVENTS_PER_WAITED_READ >= this.lastBatchSize;
    this.waitedReads = 0;
    this.lastBatchSize = events.length;
    let prefetchedTo = 0;
    for (let i = 0; i < events.length; i++) {
      if (prefetching && i >= prefetchedTo && !this.docs.complete) {
        prefetchedTo = Math.min(events.length, i + slice);
        await this.prefetch(events, i, prefetchedTo);
      }
      const event = events[i];
      // Most events find their documents held or prefetched: only the others wait for a read.
      let error = this.run(event);
      if (this.eventDocs.missing.length > 0) error = await this.runLoading(event);
      this.lastApplied = event.position;
      if (error !== undefined) this.park(event, error);
      if (budget?.overHighWater) {
        await budget.relieveIfOver();
        // What the rest of the batch names may just have been evicted: the next event reads it back.
        prefetchedTo = i + 1;
      }
    }
    budget?.collectIfHeapOver();
  }

  /** Reads what events `from` to `to` name, in one getMany per collection. */
  private prefetch(events: readonly RecordedEvent[], from: number, to: number): Promise<void> {
    const keys: DocKey[] = [];
    for (let i = from; i < to; i++) for (const key of this.target.projection.prefetch(events[i])) keys.push(key);
    return this.load(keys);
  }

  /** After a run that asked for unread documents: reads them and runs `apply` again until nothing is missing. */
  private async runLoading(event: RecordedEvent): Promise<unknown> {
    for (let runs = 2; ; runs++) {
      this.waitedReads += 1;
      await this.load([...this.eventDocs.missing]);
      const error = this.run(event);
      if (this.eventDocs.missing.length === 0) return error;
      if (runs === MAX_RUNS) return new Error(`apply kept asking for unread documents after ${MAX_RUNS} reads`);
    }
  }

  /** One run of `apply`: commits its writes when it read everything it asked for and did not throw. */
  private run(event: RecordedEvent): unknown {
    const docs = this.eventDocs;
    docs.begin(Number(event.position));
    try {
      this.target.projection.apply(event, docs);
    } catch (error) {
      return error === ALREADY_APPLIED ? undefined : error;
    }
    if (docs.missing.length > 0) return undefined;
    const unstorable = this.checking || this.options.checkDocuments ? docs.unstorable() : undefined;
    if (unstorable !== undefined) {
      this.unstorableFound += 1;
      return new Error(`${unstorable.collection} ${unstorable.id} is not plain JSON, so no store can keep it as given`);
    }
    docs.commit();
    return undefined;
  }

  /**
   * Parks an event the log could not read (its data is not JSON): it is written with the next batch's
   * checkpoint, or by the next `flush` when no batch follows. An event without a position (an old
   * server's stream read) cannot be placed, so it is only reported.
   */
  parkUnreadable(unreadable: UnreadableEvent): void {
    const error = new UnreadableEventError(unreadable);
    if (unreadable.position === undefined) return void this.options.onParked?.({ ...unreadable, position: -1n }, error);
    const event: ParkableEvent = { ...unreadable, position: unreadable.position };
    this.unreadable.push(parkOp(this.target.projection.name, this.target.generation, event, error));
    this.options.onParked?.(event, error);
  }

  private park(event: RecordedEvent, error: unknown): void {
    this.parked.push(parkOp(this.target.projection.name, this.target.generation, event, error));
    // A live batch applied again after a failed write parks its events again: each is reported once.
    // An exclusive applier applies each event once, so it keeps no such set for its whole run.
    if (!this.options.exclusive) {
      if (this.parkedThisBatch.has(event.position)) return;
      this.parkedThisBatch.add(event.position);
    }
    this.options.onParked?.(event, error);
  }

  /** Reads the documents not in memory yet, one getMany per collection. */
  private async load(keys: readonly DocKey[]): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const { collection, id } of keys) {
      if (this.docs.get(collection, id) !== undefined) continue;
      let ids = missing.get(collection);
      if (ids === undefined) missing.set(collection, (ids = new Set()));
      ids.add(id);
    }
    for (const [collection, ids] of missing) {
      const found = await this.store.getMany<CachedDoc>(this.physical(collection), [...ids]);
      for (const id of ids) this.docs.load(collection, id, found.get(id) ?? null);
    }
  }

  /**
   * One atomic writeBatch: changed documents, parked events and the checkpoint. Runs with nothing new
   * applied too when unreadable events wait to be parked, so one at the end of the log is written.
   */
  async flush(): Promise<void> {
    const unreadable = this.takeUnreadable();
    if ((this.lastApplied === null || this.lastApplied === this.committed) && unreadable.length === 0) return;
    const ops: WriteOp[] = [...this.parked, ...unreadable];
    for (const [collection, doc] of this.docs.takeChanges()) ops.push({ kind: 'upsert', collection: this.physical(collection), doc });
    try {
      await this.writeParkedOrWithCheckpoint(ops);
    } catch (error) {
      this.unreadable.unshift(...unreadable);
      throw error;
    }
    this.docs.trim();
  }

  /** Nothing applied by this applier yet: the park records alone (upserts by id, harmless to repeat). */
  private async writeParkedOrWithCheckpoint(ops: WriteOp[]): Promise<void> {
    if (this.lastApplied === null) await this.store.writeBatch(ops);
    else await this.writeWithCheckpoint(ops, this.lastApplied);
  }

  private takeUnreadable(): WriteOp[] {
    const taken = this.unreadable;
    this.unreadable = [];
    return taken;
  }

  /**
   * Exclusive targets only (nothing reads them before the switch, and an interrupted rebuild starts
   * over): writes the changes a few thousand documents per transaction, the checkpoint with the last
   * one, so a whole rebuilt model is not one transaction.
   */
  async flushInChunks(): Promise<void> {
    if (!this.options.exclusive) throw new Error('flushInChunks is for exclusive targets');
    const unreadable = this.takeUnreadable();
    if (this.lastApplied === null || this.lastApplied === this.committed) {
      if (unreadable.length > 0) await this.store.writeBatch(unreadable);
      return;
    }
    // Only a bounded rebuild's tables outgrow the page cache before this write; sorting the whole model costs more than it saves.
    const changes = this.options.budget === undefined ? this.docs.takeChanges() : inKeyOrder([...this.docs.takeChanges()]);
    const ops = await this.writeChunks(changes, unreadable);
    await this.writeWithCheckpoint(ops, this.lastApplied);
  }

  /**
   * Exclusive targets with a budget: evicts the documents last changed before `position` and writes
   * out the changes among them, without the checkpoint, since the changes it keeps stay unwritten.
   */
  async evictOlderThan(position: number): Promise<void> {
    if (!this.options.exclusive) throw new Error('evictOlderThan is for exclusive targets');
    const ops = await this.writeChunks(inKeyOrder(this.docs.evictOlderThan(position)), this.takeUnreadable());
    if (ops.length > 0) await this.store.writeBatch(ops);
  }

  /** Writes the parked events, the unreadable ones and `changes` in chunks but the last, which it returns. */
  private async writeChunks(changes: Iterable<[string, CachedDoc]>, unreadable: readonly WriteOp[] = []): Promise<WriteOp[]> {
    let ops: WriteOp[] = [...this.parked, ...unreadable];
    this.parked.length = 0;
    for (const [collection, doc] of changes) {
      ops.push({ kind: 'upsert', collection: this.physical(collection), doc });
      if (ops.length < WRITE_CHUNK) continue;
      await this.store.writeBatch(ops);
      ops = [];
      await yieldToEventLoop();
    }
    return ops;
  }

  private async writeWithCheckpoint(ops: WriteOp[], position: bigint): Promise<void> {
    const checkpoint = { name: this.target.checkpoint, position, extra: generationExtra(this.target.generation), fence: this.options.fence };
    await this.store.writeBatch(ops, checkpoint);
    this.parked.length = 0;
    this.committed = position;
  }

  private physical(collection: string): string {
    const physical = this.target.collections.get(collection);
    if (physical === undefined) throw new Error(`${this.target.projection.name} has no collection ${collection}`);
    return physical;
  }
}
