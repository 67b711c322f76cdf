import type { RecordedEvent } from '@crm/event-store';
import type { Filter, Page, Doc, ReadStore, WriteOp } from '../store/read-store.port';
import { docKey, type DocKey } from '../projections/projection';
import { generationExtra, type ProjectionTarget } from './projection-target';
import { parkOp } from './parked-events';
import { DocCache, type CachedDoc } from './doc-cache';
import { equalityFilter, matchesEquality, type EqualityFilter } from './staged-index';

export interface BatchApplierOptions {
  /** Documents kept between batches; only the lease holder writes a target, so they stay valid. */
  maxCachedDocs?: number;
  onParked?(event: RecordedEvent, error: unknown): void;
  /** Called before the first lookup into a collection (a rebuild builds that collection's indexes then). */
  beforeLookup?(collection: string): Promise<void>;
  /**
   * The target started empty and only this applier writes it (a rebuild): every document stays in
   * memory, so loads and equality lookups never read the store. Costs memory for the whole model.
   */
  exclusive?: boolean;
}

const DEFERRED = Symbol('lookup deferred');
/** Whether the document already reflects the event at `position` (documents without a stamp never do). */
const seen = (doc: CachedDoc | null, position: number): boolean => doc !== null && (doc.lastPosition ?? -1) >= position;

type Planned = { event: RecordedEvent; keys: DocKey[] | null; error?: unknown };

/**
 * Applies events to one target in order and commits them with the checkpoint in one writeBatch.
 * Documents are loaded once per run of events (one getMany per collection), later events see earlier
 * results, each document is written once per batch, and a document whose lastPosition is at or past
 * an event's position is left alone: that is what makes a replay change nothing.
 */
export class BatchApplier {
  private readonly cache: DocCache;
  private readonly parked: WriteOp[] = [];
  private lastApplied: bigint | null = null;
  private committed: bigint | null = null;

  constructor(
    private readonly store: ReadStore,
    private readonly target: ProjectionTarget,
    private readonly options: BatchApplierOptions = {},
  ) {
    this.cache = new DocCache(options.maxCachedDocs ?? 50_000, options.exclusive === true);
  }

  get position(): bigint | null {
    return this.committed;
  }

  async applyBatch(events: readonly RecordedEvent[]): Promise<void> {
    let next = 0;
    while (next < events.length) next = await this.applyRun(events, next);
    await this.flush();
  }

  /** Applies events from `from` up to the first one whose keys need a lookup; returns where it stopped. */
  private async applyRun(events: readonly RecordedEvent[], from: number): Promise<number> {
    const planned: Planned[] = [];
    for (let i = from; i < events.length; i++) {
      const plan = this.planSync(events[i]);
      if (plan === DEFERRED) break;
      planned.push(plan);
    }
    if (planned.length === 0) {
      await this.applyWithLookup(events[from]);
      return from + 1;
    }
    await this.load(planned.flatMap((plan) => plan.keys ?? []));
    for (const plan of planned) this.applyOne(plan);
    return from + planned.length;
  }

  /** Keys without a lookup; a lookup would read the store before this run's changes are written. */
  private planSync(event: RecordedEvent): Planned | typeof DEFERRED {
    try {
      const keys = this.target.projection.keys(event, () => Promise.reject(DEFERRED));
      if (!Array.isArray(keys)) {
        (keys as Promise<DocKey[]>).catch(() => undefined);
        return DEFERRED;
      }
      return { event, keys };
    } catch (error) {
      return error === DEFERRED ? DEFERRED : { event, keys: null, error };
    }
  }

  private async applyWithLookup(event: RecordedEvent): Promise<void> {
    let keys: DocKey[];
    try {
      keys = await this.target.projection.keys(event, (collection, filter) => this.lookup(collection, filter));
    } catch (error) {
      this.applyOne({ event, keys: null, error });
      return;
    }
    await this.load(keys);
    this.applyOne({ event, keys });
  }

  /**
   * What the store holds, corrected by the documents this batch staged, so the lookup sees every
   * earlier event of the batch without a write per lookup. Filters beyond equality write the batch first.
   */
  private async lookup(collection: string, filter: Filter): Promise<string[]> {
    const equality = equalityFilter(filter);
    if (this.cache.complete && equality !== null) return this.lookupInMemory(collection, equality);
    await this.options.beforeLookup?.(collection);
    if (equality === null) {
      await this.flush();
      return this.findIds(collection, filter);
    }
    const ids = new Set(await this.findIds(collection, filter));
    for (const id of [...ids]) {
      const staged = this.cache.stagedDoc(collection, id);
      if (staged === null || (staged !== undefined && !matchesEquality(staged, equality))) ids.delete(id);
    }
    for (const id of this.cache.stagedWith(collection, equality[0].field, equality[0].values)) {
      const staged = this.cache.stagedDoc(collection, id);
      if (staged && matchesEquality(staged, equality)) ids.add(id);
    }
    return [...ids];
  }

  private lookupInMemory(collection: string, equality: EqualityFilter): string[] {
    const [first] = equality;
    const ids: string[] = [];
    for (const id of this.cache.allWith(collection, first.field, first.values)) {
      const doc = this.cache.get(docKey(collection, id));
      if (doc !== null && matchesEquality(doc, equality)) ids.push(id);
    }
    return ids;
  }

  private async findIds(collection: string, filter: Filter): Promise<string[]> {
    const physical = this.physical(collection);
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<Doc> = await this.store.find(physical, { filter, first: 500, after });
      ids.push(...page.items.map((doc) => doc.id));
      if (!page.hasNextPage) return ids;
      after = page.endCursor;
    }
  }

  private async load(keys: readonly DocKey[]): Promise<void> {
    const missing = new Map<string, Set<string>>();
    for (const key of keys) {
      if (this.cache.has(docKey(key.collection, key.id))) continue;
      if (this.cache.complete) {
        this.cache.load(docKey(key.collection, key.id), null);
        continue;
      }
      const ids = missing.get(key.collection) ?? new Set<string>();
      missing.set(key.collection, ids.add(key.id));
    }
    for (const [collection, ids] of missing) {
      const found = await this.store.getMany(this.physical(collection), [...ids]);
      for (const id of ids) this.cache.load(docKey(collection, id), (found.get(id) as CachedDoc | undefined) ?? null);
    }
  }

  private applyOne({ event, keys, error }: Planned): void {
    this.lastApplied = event.position;
    const outcome = keys === null ? error : this.evolve(event, keys);
    if (outcome !== undefined) {
      this.parked.push(parkOp(this.target.projection.name, this.target.generation, event, outcome));
      this.options.onParked?.(event, outcome);
    }
  }

  /** Runs the pure apply and stages its documents; returns the error that parks the event, if any. */
  private evolve(event: RecordedEvent, keys: readonly DocKey[]): unknown {
    const position = Number(event.position);
    const input = new Map<string, CachedDoc | null>();
    const ids = new Map<string, DocKey>();
    for (const key of keys) {
      const k = docKey(key.collection, key.id);
      input.set(k, this.cache.get(k));
      ids.set(k, key);
    }
    if (![...input.values()].some((doc) => !seen(doc, position))) return undefined;
    try {
      const output = this.target.projection.apply(event, input);
      for (const k of output.keys()) if (!ids.has(k)) throw new Error(`apply returned ${k}, which keys did not name`);
      for (const [k, doc] of output) {
        const current = this.cache.get(k);
        if (seen(current, position)) continue;
        const key = ids.get(k) as DocKey;
        this.cache.stage(k, key, doc === null ? null : { ...doc, id: key.id, lastPosition: position });
      }
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /** One writeBatch: staged documents, parked events and the checkpoint (one transaction on SQLite). */
  async flush(): Promise<void> {
    if (this.lastApplied === null || this.lastApplied === this.committed) return;
    const ops: WriteOp[] = [...this.parked];
    for (const { key, doc } of this.cache.takeStaged()) {
      const collection = this.physical(key.collection);
      ops.push(doc === null ? { kind: 'delete', collection, id: key.id } : { kind: 'upsert', collection, doc });
    }
    const position = this.lastApplied;
    await this.store.writeBatch(ops, { name: this.target.checkpoint, position, extra: generationExtra(this.target.generation) });
    this.parked.length = 0;
    this.committed = position;
    this.cache.trim();
  }

  private physical(collection: string): string {
    const physical = this.target.collections.get(collection);
    if (physical === undefined) throw new Error(`${this.target.projection.name} has no collection ${collection}`);
    return physical;
  }
}
