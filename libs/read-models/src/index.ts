// ---- Document read store: port, errors, adapters ----
export type { JsonObject, JsonScalar, JsonValue } from './store/json';
export {
  DEFAULT_PAGE_SIZE,
  MAX_IN_VALUES,
  MAX_PAGE_SIZE,
  RELEVANCE,
  type Checkpoint,
  type CheckpointWrite,
  type Clock,
  type Doc,
  type FieldFilter,
  type Filter,
  type FindOptions,
  type GroupedFindOptions,
  type IndexSpec,
  type Page,
  type RangeOperand,
  type ReadStore,
  type SearchFields,
  type SortDirection,
  type SortKey,
  type WriteOp,
} from './store/read-store.port';
export { DuplicateKeyError, InvalidQueryError, LeaseLostError, ReadStoreClosedError, ReadStoreError } from './store/read-store.errors';
export { openReadStore, type ReadStoreConfig } from './store/read-store.factory';
export { encodePosition } from './store/position';
export { MAX_SEARCH_WORDS, askedWords } from './store/search/search-words';
export { SqliteReadStore, type SqliteReadStoreOptions } from './store/sqlite/sqlite-read-store';
export { MongoReadStore, type MongoConnectOptions, type MongoReadStoreOptions } from './store/mongo/mongo-read-store';
export { benchReadStoreWrites, type ReadStoreWriteBenchOptions } from './store/sqlite/sqlite-read-store.bench';
// The contract suite (store/read-store.contract.ts) needs jest and fast-check: tests import it by path.
// ---- end of read store ----

// ---- Projections and the projector ----
export { physicalCollection, type DocKey, type ProjectedDoc, type Projection, type ProjectionDocs, type PutOptions } from './projections/projection';
export { ALL_PROJECTIONS, UnknownProjectionError, longestRebuildFirst, projectionNamed, projectionOfCollection } from './projections/projection-registry';
export { replayProjection, type ReplayedDocs } from './projections/replay-projection';
export { ACCOUNTS, accountsProjection, type AccountDoc } from './projections/accounts';
export { OPPORTUNITIES, opportunitiesProjection, stagePricing, type OpportunityDoc, type StagePricing } from './projections/opportunities';
export {
  PIPELINE_DEFINITIONS,
  defaultPipelineDoc,
  pipelineDefinitionDocOf,
  pipelineDefinitionOf,
  pipelineDefinitionsProjection,
  withDefaultPipeline,
  type PipelineDefinitionDoc,
} from './projections/pipeline-definitions';
export { OPPORTUNITY_TIMELINE_HEADS, OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from './projections/opportunity-timeline';
export { LEADS, leadsProjection } from './projections/leads/leads.projection';
export { CONTACTS, contactsProjection } from './projections/contacts/contacts.projection';
export { Projector, type ProjectorLog, type ProjectorOptions } from './projector/projector';
export { DEFAULT_REBUILD_MEMORY_BYTES } from './projector/memory-budget';
export { rebuildOnThreads, threadMemoryBudget, type RebuildThreadsOptions, type ThreadedRebuildResult } from './projector/rebuild-threads';
export { REBUILD_THREAD_BUSY_TIMEOUT_MS, type RebuildStores, type RebuildStoresModule } from './projector/rebuild-stores';
export { SQLITE_REBUILD_STORES } from './projector/sqlite-rebuild-stores';
export { errorClassesOf, reviveError, serializeError, type ErrorClass, type SerializedError } from './threads/error-transport';
export { besideThisFile, startThread } from './threads/start-thread';
export { ReadModels, type ReadModelsOptions, type ServingState } from './projector/read-models';
export { ProjectorSignals } from './projector/projector-signals';
export { LeaseKeeper } from './projector/lease-keeper';
export { DEFAULT_ALIAS_TTL_MS, DEFAULT_DROP_GRACE_MS, oldCopyDropsAt, type SwitchClock } from './projector/old-copy-drop';
export type { Generation } from './projector/projection-target';
export { PARKED_EVENTS, type ParkedEvent } from './projector/parked-events';
export type { ProjectionState, ProjectionStatus } from './projector/projection-status';
export { RebuildInProgressError, type RebuildPhase, type RebuildProgress, type RebuildResult } from './projector/rebuilder';

// ---- Query helpers of the aggregate projections ----
export { amountKey, amountKeyOrNull } from './projections/money';
export {
  PIPELINE,
  pipelineFilterFor,
  pipelineGrainFor,
  pipelineIdOf,
  summarisePipeline,
  type PipelineDoc,
  type PipelineQuery,
  type PipelineStageSummary,
} from './projections/pipeline';
export { MEMBERSHIPS, STILL_CURRENT, accountFiguresAt, membershipsProjection, type AccountFigures, type MemberKind, type MembershipDoc } from './projections/memberships';
export { funnelFilterFor, summariseFunnel, type FunnelQuery, type FunnelSourceSummary, type LeadFunnelDoc } from './projections/lead-funnel';
export * from './pipeline-history';
