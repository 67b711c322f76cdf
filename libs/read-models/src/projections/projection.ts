import type { LogFilter, RecordedEvent } from '@crm/event-store';
import type { Doc, IndexSpec, SearchFields } from '../store/read-store.port';

/** A document of one of a projection's collections, addressed by its logical collection name. */
export interface DocKey {
  collection: string;
  id: string;
}

/** Every document a projection writes carries the log position of the last event applied to it. */
export type ProjectedDoc = Doc & { lastPosition: number };

/**
 * The documents one event is applied to. `get` answers as of just before the event (earlier events
 * of the batch included) and sees the event's own `put`s; documents are read-only. `put` hands the
 * document over to the projector, which stamps its `lastPosition`; nothing is stored unless `apply`
 * returns normally.
 */
export interface ProjectionDocs {
  get<T extends Doc = Doc>(collection: string, id: string): T | null;
  put(collection: string, doc: Doc, options?: PutOptions): void;
}

export interface PutOptions {
  /**
   * No stored document has this id yet: a document the run read (and writes) proves it, as an entity's
   * head does for its next version, which exists only once the head counts it. The projector then
   * writes it without reading it first, the read that tells an event applied before (the document it
   * read tells that instead).
   */
  unstored?: boolean;
}

/**
 * One projection per query need. Pure: the projector owns all I/O, batching, checkpoints,
 * idempotency and leases.
 *
 * - `collections`: logical name -> indexes its queries need; `search`: logical name -> the fields a
 *   search finds its documents by (the store keeps them as first declared: changing them takes a new
 *   version). The projector stores collections physically per version and rebuild generation
 *   (`physicalCollection`) and readers resolve the logical name through an alias, so a rebuild writes a
 *   new generation while the old one keeps serving.
 * - `prefetch(event)`: the documents `apply` will read that the event alone names; the projector reads
 *   them for a whole batch at once. Others (named by a document, e.g. the aggregates an entity's
 *   previous state counted in) are read when `apply` first asks, which re-runs `apply` for that event.
 * - `apply(event, docs)`: reads and writes documents through `docs`. Must be deterministic: it may
 *   run more than once for an event before its writes count. An event whose documents already carry
 *   its position (or a later one) was applied before and is skipped whole: batches are atomic, so
 *   that is what makes applying an event twice a no-op.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly collections: Readonly<Record<string, IndexSpec[]>>;
  /** Logical collection -> the fields `$search` finds its documents by, with their weights (see the store's README). */
  readonly search?: Readonly<Record<string, SearchFields>>;
  readonly filter?: LogFilter;
  prefetch(event: RecordedEvent): DocKey[];
  apply(event: RecordedEvent, docs: ProjectionDocs): void;
}

/**
 * Physical collection name of a projection version and rebuild generation: the first build of a
 * version is `<name>_v<version>`, each blue-green rebuild of it `<name>_v<version>_g<generation>`.
 */
export const physicalCollection = (collection: string, version: number, generation = 1): string =>
  generation <= 1 ? `${collection}_v${version}` : `${collection}_v${version}_g${generation}`;

/** The version and generation `physicalCollection` named `physical` for `collection`; null for any other name. */
export const generationOfCollection = (collection: string, physical: string): { version: number; generation: number } | null => {
  const match = physical.startsWith(collection) ? /^_v(\d+)(?:_g(\d+))?$/.exec(physical.slice(collection.length)) : null;
  if (match === null) return null;
  return { version: Number(match[1]), generation: match[2] === undefined ? 1 : Number(match[2]) };
};
