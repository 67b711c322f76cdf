import type { JsonScalar, JsonValue } from './json';
import type { SearchFields } from './search/search-fields';

export type { SearchFields } from './search/search-fields';

/**
 * A read-model document: a JSON object keyed by a string `id`, unique in its collection.
 * Top-level `_id`, `_search` and `_relevance` keys are not allowed (MongoDB uses them for `id`, a
 * searchable document's words and a page's scores).
 */
export type Doc = { id: string; [key: string]: JsonValue };

/** Page size used when `first` is omitted. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest accepted `first`; larger (or negative, or fractional) values are an `InvalidQueryError`. */
export const MAX_PAGE_SIZE = 500;
/** Largest accepted `$in` list. */
export const MAX_IN_VALUES = 1000;

/**
 * A declared index. Field paths are dotted (`owner.id`); `id` is allowed as a field.
 * Non-unique indexes get `id` appended (in the last field's direction) so that sorts,
 * which always end with `id`, can be served from the index.
 * Unique indexes: declare them only on fields that are always present and non-null;
 * SQLite lets any number of documents miss the field, MongoDB treats missing as one null value.
 */
export interface IndexSpec {
  fields: Array<{ field: string; direction?: 1 | -1 }>;
  unique?: boolean;
}

/** Range operands are numbers or strings, and only match values of the same JSON type. */
export type RangeOperand = number | string;

/**
 * A condition on one field. A bare scalar means `$eq`. Several operators on one field are ANDed.
 * - `$eq`/`$in` with `null` match a JSON null or a missing field; `$ne: v` matches everything `$eq: v` does not (incl. missing).
 * - `$gt/$gte/$lt/$lte` only match values of the operand's type (a number never matches a string, null or missing).
 * - `$prefix` matches strings starting with it (code-point exact), served by an index range.
 * - `$exists: true` matches present fields, including JSON null.
 * Conditions address scalar fields; matching inside arrays is not part of the contract.
 */
export type FieldFilter =
  | JsonScalar
  | {
      $eq?: JsonScalar;
      $ne?: JsonScalar;
      $in?: JsonScalar[];
      $gt?: RangeOperand;
      $gte?: RangeOperand;
      $lt?: RangeOperand;
      $lte?: RangeOperand;
      $prefix?: string;
      $exists?: boolean;
    };

/**
 * The AND of per-field conditions; keys are dotted field paths (`owner.id`) or `id`, and `$search`.
 * `$search`: text whose every word must start a word of the collection's searchable fields (declared by
 * `ensureCollection`'s `search`), case and accents aside; a text without words searches nothing out.
 * Searching a collection that declares no searchable fields is an `InvalidQueryError`.
 */
export type Filter = { $search?: string } & { [dottedField: string]: FieldFilter };

/**
 * Sort by how well documents match the filter's `$search` (see the README for the score), highest first
 * with `direction: 'desc'`; only in a find whose filter has a `$search`. Later keys break its ties. Pages
 * backwards (`last`/`before`) like any other key.
 */
export const RELEVANCE = '$relevance';

export type SortDirection = 'asc' | 'desc';

/**
 * Sorting: missing and null are the same key and sort lowest (first on `asc`, last on `desc`).
 * A sort field must hold one scalar type (plus null/missing) across the collection; mixed
 * types or arrays/objects have no defined order. `id` is always the final tie-breaker, in
 * the direction of the last sort key (`asc` when no sort is given).
 */
export interface SortKey {
  field: string;
  direction: SortDirection;
}

/**
 * A page of a sorted, filtered set, Relay's way: `first` items after `after`, or the `last` items
 * before `before` (both cursors may bound the set at once). `first` and `last` together are refused.
 * Items always come in `sort` order, whichever end the page was taken from.
 */
export interface FindOptions {
  filter?: Filter;
  sort?: SortKey[];
  /** Page size from the start, 0..MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when neither `first` nor `last` is given. */
  first?: number | null;
  /** Opaque cursor from a page with the same sort; only items strictly after it (keyset, not offset). */
  after?: string | null;
  /** Page size from the end, 0..MAX_PAGE_SIZE: the page ends where the set (or `before`) does. */
  last?: number | null;
  /** Opaque cursor from a page with the same sort; only items strictly before it. */
  before?: string | null;
  /**
   * Count the whole filtered set (default true). Counting reads every matching index entry, so a
   * caller that does not show the count (or keeps it elsewhere) leaves it out: `totalCount` is then null.
   */
  totalCount?: boolean;
}

/**
 * `hasNextPage` and `hasPreviousPage` are exact in the direction of paging (more items past the page's
 * far end); the other one says whether any item lies at or beyond the cursor the page started from
 * (false when there is none).
 */
export interface Page<T> {
  items: T[];
  /** The cursor of each item, as `after` and `before` take it (a relevance order's cursors hold the score, which no document does). */
  cursors: string[];
  /** Cursor of the first/last item of this page; null when the page is empty. */
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Size of the whole filtered set, ignoring the page size and both cursors; null when `totalCount: false` was asked. */
  totalCount: number | null;
}

/**
 * A page per group: what `find` gives with `{ [groupBy]: group }` added to the filter, for each group.
 * The filter takes no `$search` (an `InvalidQueryError` on `filter.$search`).
 */
export interface GroupedFindOptions extends FindOptions {
  /** A scalar field naming each document's group (`accountId`); `id` is allowed. */
  groupBy: string;
  /** The groups wanted, at most MAX_IN_VALUES; a group without documents gets an empty page. */
  groups: readonly string[];
}

/**
 * A projector write. `patch` sets dotted paths on an existing document (creating missing
 * intermediate objects) and is a no-op if the document does not exist; a path through a
 * non-object value is an `InvalidQueryError`. Ops on the same document apply in order.
 */
export type WriteOp =
  | { kind: 'upsert'; collection: string; doc: Doc }
  | { kind: 'patch'; collection: string; id: string; set: Record<string, JsonValue> }
  | { kind: 'delete'; collection: string; id: string };

/**
 * A projection's progress. `position` is the global log position of the last applied event
 * (null: nothing applied yet); both adapters store it as a 20-digit zero-padded decimal
 * string, so it covers the full unsigned 64-bit range and sorts as text.
 */
export interface Checkpoint {
  name: string;
  position: bigint | null;
  /** ISO 8601 instant of the last write. */
  updatedAt: string;
  /** Free JSON the projector keeps with the checkpoint (version, target collection, state...); replaced on each write. */
  extra: Record<string, JsonValue>;
}

export interface CheckpointWrite {
  name: string;
  position: bigint | null;
  extra?: Record<string, JsonValue>;
  /**
   * Store the batch only while `owner` holds `lease`, checked inside the batch's transaction
   * (`LeaseLostError` otherwise, nothing stored): a projector that lost its lease in the middle of a
   * batch cannot overwrite what the new holder already wrote.
   */
  fence?: { lease: string; owner: string };
}

export interface EnsureCollectionOptions {
  /** Builds neither the indexes nor the search index yet (a later call without it does, after a bulk load). */
  deferIndexes?: boolean;
  /**
   * The fields `$search` finds documents by, with their weights. Declared when the collection is made and
   * never changed after (a changed declaration is an `InvalidQueryError`: make a new collection, as a
   * projection does with a new version).
   */
  search?: SearchFields;
}

/**
 * The document read-store port. Collections hold `Doc`s; projections stay pure and hand
 * their writes to `writeBatch`. Reads of a collection that does not exist see it empty;
 * writes create it (without indexes) if `ensureCollection` was not called.
 */
export interface ReadStore {
  /**
   * Creates the collection and the declared indexes if missing; idempotent. With `deferIndexes` the
   * collection is made ready for those indexes but they are built by a later call (after a bulk load).
   */
  ensureCollection(name: string, indexes: IndexSpec[], options?: EnsureCollectionOptions): Promise<void>;
  get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null>;
  /** One round trip (DataLoader batching); ids not found are absent from the map. */
  getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>>;
  find<T extends Doc = Doc>(collection: string, options?: FindOptions): Promise<Page<T>>;
  /**
   * A page for each of many groups (the contacts of each account on a page) in a constant number of
   * queries, each group's page read on its own from the index rather than every group's whole set.
   */
  findGroups<T extends Doc = Doc>(collection: string, options: GroupedFindOptions): Promise<Map<string, Page<T>>>;
  count(collection: string, filter?: Filter): Promise<number>;
  /**
   * The projector's only write path; atomic: all ops and the checkpoint are stored, or none.
   * SQLite: one transaction. MongoDB: one multi-document transaction (a replica set is required),
   * ops coalesced per document into one unordered bulkWrite per collection.
   */
  writeBatch(ops: readonly WriteOp[], checkpoint?: CheckpointWrite): Promise<void>;
  getCheckpoint(name: string): Promise<Checkpoint | null>;
  listCheckpoints(): Promise<Checkpoint[]>;
  deleteCheckpoint(name: string): Promise<void>;
  /** Drops the collection and its indexes; no-op if missing. Aliases pointing to it are left alone. */
  dropCollection(name: string): Promise<void>;
  /** User collections, sorted by name. */
  listCollections(): Promise<string[]>;
  /** Points `alias` at a physical collection (blue-green rebuilds); the switch is atomic. */
  setAlias(alias: string, collection: string): Promise<void>;
  getAlias(alias: string): Promise<string | null>;
  /**
   * Acquires or renews a lease: true if `owner` now holds `name` until now + ttlMs. A lease
   * held by another owner is taken over only once it has expired.
   */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /**
   * How long the lease's current holder still holds it, in ms (by the store's clock); null when it is
   * free or expired. A process waiting for the lease sleeps that long instead of polling for it.
   */
  leaseTimeLeft(name: string): Promise<number | null>;
  /**
   * Calls `listener` whenever a batch with a checkpoint may have been stored (by any process when the
   * store can tell: SQLite with `crossProcessSignals`, MongoDB through a change stream on a replica set;
   * else this process's batches only), until the returned function is called. A call may be spurious or
   * stand for several batches: listeners ask the store what changed, and keep a slow poll as a safety net.
   */
  watchCheckpoints(listener: () => void): () => void;
  /**
   * Whether `watchCheckpoints` hears of other processes' batches now (a signal file watched, a change
   * stream open). While it does not, readers waiting for another process's projector poll quickly.
   */
  watchingCheckpoints(): boolean;
  /** Releases the lease if `owner` holds it; otherwise does nothing. */
  releaseLease(name: string, owner: string): Promise<void>;
  /** Who holds the lease now, without taking it; null when it is free or expired. */
  leaseHolder(name: string): Promise<string | null>;
  /** Resolves if the backing store answers; for health checks. */
  ping(): Promise<void>;
  /**
   * Leaves no copy of overwritten or deleted documents in the store's own files where it can: after
   * an erasure, the person's old documents must not outlive it. SQLite zeroes freed content as it
   * goes (secure_delete); this empties its WAL, which still holds pages as they were. MongoDB's
   * storage engine offers no such thing (see the README). True when done, false when busy readers
   * kept it from finishing (the next call, or closing the store, does it).
   */
  purgeFreedSpace(): Promise<boolean>;
  /**
   * Optional: caps what the store's own cache of its file may hold in this process (undefined: back
   * to its default). A rebuild that holds its documents within a memory budget lowers it while it
   * writes, so that the process's memory is mostly the budget's. Unlike the rest, a no-op once closed.
   */
  limitCacheBytes?(bytes: number | undefined): void;
  /** Idempotent; afterwards every call fails with `ReadStoreClosedError`. */
  close(): Promise<void>;
}

/** Time source for leases and checkpoint timestamps (milliseconds since the epoch). */
export type Clock = () => number;
