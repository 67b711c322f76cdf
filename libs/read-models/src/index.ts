// ---- Document read store: port, errors, adapters ----
export type { JsonObject, JsonScalar, JsonValue } from './store/json';
export {
  DEFAULT_PAGE_SIZE,
  MAX_IN_VALUES,
  MAX_PAGE_SIZE,
  type Checkpoint,
  type CheckpointWrite,
  type Clock,
  type Doc,
  type FieldFilter,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Page,
  type RangeOperand,
  type ReadStore,
  type SortDirection,
  type SortKey,
  type WriteOp,
} from './store/read-store.port';
export { DuplicateKeyError, InvalidQueryError, ReadStoreClosedError, ReadStoreError } from './store/read-store.errors';
export { openReadStore, type ReadStoreConfig } from './store/read-store.factory';
export { SqliteReadStore, type SqliteReadStoreOptions } from './store/sqlite/sqlite-read-store';
export { MongoReadStore, type MongoConnectOptions, type MongoReadStoreOptions } from './store/mongo/mongo-read-store';
export { benchReadStoreWrites, type ReadStoreWriteBenchOptions } from './store/sqlite/sqlite-read-store.bench';
// The contract suite (store/read-store.contract.ts) needs jest and fast-check: tests import it by path.
// ---- end of read store ----
