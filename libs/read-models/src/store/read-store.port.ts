import type { JsonScalar, JsonValue } from './json';

/**
 * A read-model document: a JSON object keyed by a string `id`, unique in its collection.
 * A top-level `_id` key is not allowed (MongoDB uses it for `id`).
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

/** The AND of per-field conditions; keys are dotted field paths (`owner.id`) or `id`. */
export type Filter = { [dottedField: string]: FieldFilter };

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

export interface FindOptions {
  filter?: Filter;
  sort?: SortKey[];
  /** Page size, 0..MAX_PAGE_SIZE, default DEFAULT_PAGE_SIZE. */
  first?: number;
  /** Opaque cursor from a previous page with the same sort; the page starts strictly after it (keyset, not offset). */
  after?: string | null;
  /**
   * Count the whole filtered set (default true). Counting reads every matching index entry, so a
   * caller that does not show the count (or keeps it elsewhere) leaves it out: `totalCount` is then null.
   */
  totalCount?: boolean;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the first/last item of this page; null when the page is empty. */
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  /** Size of the whole filtered set, ignoring `first` and `after`; null when `totalCount: false` was asked. */
  totalCount: number | null;
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
  deferIndexes?: boolean;
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
  /** Idempotent; afterwards every call fails with `ReadStoreClosedError`. */
  close(): Promise<void>;
}

/** Time source for leases and checkpoint timestamps (milliseconds since the epoch). */
export type Clock = () => number;
