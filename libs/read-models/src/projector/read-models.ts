import { matchesFilter, type EventStore, type StreamAndType } from '@crm/event-store';
import type { Clock, ReadStore } from '../store/read-store.port';
import { generationOfCollection, physicalCollection, type Projection } from '../projections/projection';
import { ALL_PROJECTIONS, projectionNamed, projectionOfCollection } from '../projections/projection-registry';
import { readActiveGeneration } from './generations';
import { DEFAULT_ALIAS_TTL_MS } from './old-copy-drop';
import { progressCheckpoint, sameGeneration, type Generation } from './projection-target';

/** A read model's serving collection and a token of its content (see `ReadModels.servingState`). */
export interface ServingState {
  collection: string;
  /** Changes with every batch stored into `collection`; null before its first one. */
  version: string | null;
}
import { pendingEventAfter } from './projection-status';
import { CheckpointNews } from './checkpoint-news';
import type { ProjectorSignals } from './projector-signals';

export interface ReadModelsOptions {
  projections?: readonly Projection[];
  /** How long a resolved alias is trusted; the old copy outlives a switch by longer (`oldCopyDropsAt`). */
  aliasTtlMs?: number;
  /** The clock alias trust is measured on; the rebuild's switch clock in tests. */
  clock?: Clock;
  /** When the projector runs in this process: wake on its checkpoints instead of polling. */
  signals?: ProjectorSignals;
  /**
   * When the projector runs in other processes (the scaled API): wake on the store's news of stored
   * batches (`ReadStore.watchCheckpoints`, watched for this object's lifetime) and ask it then; `pollMs`
   * is then only a safety net while the store is heard.
   */
  watchStore?: boolean;
  pollMs?: number;
}

/** What ended a wait between two looks: the projection the in-process projector stored, or the poll timer. */
type Tick = { projection: string } | 'timeout';

/** How often a wait asks the store when nothing tells it of the projector's progress. */
const DEFAULT_POLL_MS = 50;

/** The first store check of a read-your-writes wait when the projector's news has not answered it. */
const FIRST_POLL_MS = 5;

/**
 * What readers need from the projector: the physical collection behind a logical name (so the API
 * reads `leads` without knowing the version or generation), and read-your-writes waits.
 */
export class ReadModels {
  private readonly aliases = new Map<string, { collection: string; until: number }>();
  private readonly projections: readonly Projection[];
  /** What the projector in this process last stored, per projection (only with `signals`). */
  private readonly stored = new Map<string, { generation: Generation; position: bigint }>();
  /**
   * Per projection, a position up to which a look found every event of its own applied in that
   * generation (its checkpoint, or no own event between it and the position waited for). The log up
   * to a position already written does not change, so the next look reads the log only after it: a
   * projection whose checkpoint stands still while others' events pass (accounts, under stage
   * changes) is not scanned from its checkpoint again and again.
   */
  private readonly appliedThrough = new Map<string, { generation: Generation; position: bigint }>();
  /** The store's news of batches other processes stored (only with `watchStore`). */
  private readonly news: CheckpointNews | null;

  constructor(
    private readonly store: ReadStore,
    private readonly events: EventStore,
    private readonly options: ReadModelsOptions = {},
  ) {
    this.projections = options.projections ?? ALL_PROJECTIONS;
    this.news = options.watchStore === true ? new CheckpointNews(store) : null;
    options.signals?.onSwitch(() => this.aliases.clear());
    options.signals?.onCheckpoint((projection, position, generation) => {
      const known = this.stored.get(projection);
      if (known === undefined || !sameGeneration(known.generation, generation) || known.position < position) {
        this.stored.set(projection, { generation, position });
      }
    });
  }

  async collectionFor(logical: string): Promise<string> {
    const cached = this.aliases.get(logical);
    // Trust runs from when the alias was asked for, not answered: an answer read before a switch and
    // delivered after it must not be trusted past `aliasTtlMs` from the switch (the old copy's drop rule).
    const asked = (this.options.clock ?? Date.now)();
    if (cached !== undefined && cached.until > asked) return cached.collection;
    const collection = await this.store.getAlias(logical);
    // Not kept: a reader elsewhere is not told of the first switch, and would read nothing past it.
    if (collection === null) return this.unbuilt(logical);
    const until = asked + (this.options.aliasTtlMs ?? DEFAULT_ALIAS_TTL_MS);
    // A slower, older lookup must not replace a newer answer.
    const latest = this.aliases.get(logical);
    if (latest === undefined || latest.until <= until) this.aliases.set(logical, { collection, until });
    return collection;
  }

  /**
   * The collection readers of `logical` are sent to, and a token of its content: the position and time
   * of the last batch stored there, from the checkpoint the projector writes in the same transaction as
   * the documents (both adapters), so every write that changes the collection changes the token.
   * Checkpoints only move forwards: a token read before the documents never names content older than
   * the documents read after it, which is what lets answers be kept under it (AnswerCache in the API).
   */
  async servingState(logical: string): Promise<ServingState> {
    const collection = await this.collectionFor(logical);
    const projection = projectionOfCollection(logical, this.projections);
    const generation = generationOfCollection(logical, collection);
    if (projection === undefined || generation === null) return { collection, version: null };
    const checkpoint = await this.store.getCheckpoint(progressCheckpoint(projection.name, generation));
    const version = checkpoint === null || checkpoint.position === null ? null : `${checkpoint.position}@${checkpoint.updatedAt}`;
    return { collection, version };
  }

  /**
   * True once every projection named has applied everything of its own up to `position`; false on timeout.
   * `eventAt`, the stream and type of the event at `position` when the caller wrote it, says which
   * projections will send news of it: those are not looked up in the store before the first poll.
   */
  async waitForPosition(position: bigint, projections: readonly string[], timeoutMs: number, eventAt?: StreamAndType): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const waiting = new Set(projections.map((name) => projectionNamed(name, this.projections)));
    if (this.news !== null) return this.waitTold(position, waiting, deadline, this.news);
    const pollMs = this.options.pollMs ?? DEFAULT_POLL_MS;
    const takesIt = (projection: Projection): boolean => eventAt !== undefined && matchesFilter(eventAt, projection.filter);
    // With the projector in this process, its news answers from memory; the store is asked when a poll
    // timer fires. The first timer fires soon when a projection waited on may have no event at `position`
    // (it sends no news of it); one that takes that event will tell, so the store is asked only at a poll.
    let askStore = this.options.signals === undefined;
    let shortTimer = false;
    for (let polls = 0; ; polls++) {
      for (const projection of [...waiting]) {
        const takes = takesIt(projection);
        const look = askStore && !(shortTimer && takes);
        const applied = look ? await this.hasApplied(projection, position, takes) : await this.storedInProcess(projection, position);
        if (applied) waiting.delete(projection);
      }
      if (waiting.size === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      shortTimer = polls === 0 && [...waiting].some((projection) => !takesIt(projection));
      const tick = await this.nextTick(Math.min(left, shortTimer ? Math.min(pollMs, FIRST_POLL_MS) : pollMs));
      askStore = tick === 'timeout';
    }
  }

  /**
   * The wait of a process whose projector runs elsewhere: it looks at the positions the store's news
   * made everyone read (`CheckpointNews`) and sleeps until the next news, `pollMs` being only a safety
   * net while the store is heard (the usual short poll while it is not). The log is read on the first
   * look and at safety-net looks, to tell whether a projection has an own event up to `position` at
   * all, and again only once its checkpoint passed the own event found pending.
   */
  private async waitTold(position: bigint, waiting: Set<Projection>, deadline: number, news: CheckpointNews): Promise<boolean> {
    const stopAwaiting = news.await([...waiting]);
    /** Per projection, its first own event after the checkpoint last seen, when that is at most `position`. */
    const pending = new Map<string, bigint>();
    try {
      for (let first = true, safetyNet = false; ; first = false) {
        const live = news.live;
        // Looks shared with the other waits unless the news may have missed something.
        const { news: seen, positions } = await news.positions([...waiting], safetyNet || !live);
        const fullLook = first || safetyNet || !live;
        for (const projection of [...waiting]) {
          const { built, position: applied } = positions.get(projection.name)!;
          if (!built) continue;
          if (applied !== null && applied >= position) {
            waiting.delete(projection);
            continue;
          }
          const known = pending.get(projection.name);
          if (!fullLook && known !== undefined && (applied === null || applied < known)) continue;
          const next = await pendingEventAfter(this.events, projection, applied);
          if (next === null || next > position) waiting.delete(projection);
          else pending.set(projection.name, next);
        }
        if (waiting.size === 0) return true;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        safetyNet = !(await news.next(seen, Math.min(left, live ? this.options.pollMs ?? DEFAULT_POLL_MS : DEFAULT_POLL_MS)));
      }
    } finally {
      stopAwaiting();
    }
  }

  /**
   * A projection's checkpoint only moves on its own events, so "no own event pending up to position"
   * counts too; when the event at `position` is known to be its own (`takesIt`), the log is not read.
   */
  private async hasApplied(projection: Projection, position: bigint, takesIt = false): Promise<boolean> {
    if (await this.storedInProcess(projection, position)) return true;
    const active = await readActiveGeneration(this.store, projection.name);
    if (active === null) return false;
    const checkpoint = (await this.store.getCheckpoint(progressCheckpoint(projection.name, active)))?.position ?? null;
    if (checkpoint !== null && checkpoint >= position) return true;
    if (takesIt) return false;
    const known = this.appliedThrough.get(projection.name);
    const from = known !== undefined && sameGeneration(known.generation, active) && (checkpoint === null || known.position > checkpoint) ? known.position : checkpoint;
    if (from !== null && from >= position) return true;
    const pending = await pendingEventAfter(this.events, projection, from);
    if (pending !== null && pending <= position) return false;
    const latest = this.appliedThrough.get(projection.name);
    if (latest === undefined || !sameGeneration(latest.generation, active) || latest.position < position) {
      this.appliedThrough.set(projection.name, { generation: active, position });
    }
    return true;
  }

  /**
   * Answers from the projector's own news when it stored `position` into the very collection readers
   * are sent to now: no store reads for the common read-your-writes wait.
   */
  private async storedInProcess(projection: Projection, position: bigint): Promise<boolean> {
    const stored = this.stored.get(projection.name);
    if (stored === undefined || stored.position < position) return false;
    const [logical] = Object.keys(projection.collections);
    const { version, generation } = stored.generation;
    return (await this.collectionFor(logical)) === physicalCollection(logical, version, generation);
  }

  /** Resolves with what came first: the in-process projector's news or `ms` passing. */
  private nextTick(ms: number): Promise<Tick> {
    return new Promise((resolve) => {
      const done = (tick: Tick): void => {
        clearTimeout(timer);
        off?.();
        resolve(tick);
      };
      const timer = setTimeout(() => done('timeout'), ms);
      const off = this.options.signals?.onCheckpoint((projection) => done({ projection }));
    });
  }

  /**
   * Before the first switch there is no alias: a name no build writes, which reads as empty. Not the
   * first build's own collection, which it fills a chunk at a time: readers would see a part of it,
   * and a `TimelineKeeper` that caught up between two chunks (which the rebuild writes in id order,
   * not position order) would hold versions past ones stored after, and never read those.
   */
  private unbuilt(logical: string): string {
    const projection = projectionOfCollection(logical, this.projections);
    return projection === undefined ? logical : `${physicalCollection(logical, projection.version)}_unbuilt`;
  }
}
