export { TimelineSet, versionAt, versionOf } from './timeline.types';
export type { OpportunityTimeline, OpportunityVersion, OpportunityVersionDoc, Timelines } from './timeline.types';
export type { Instant } from './version-match';
export { pipelineDocsAt } from './pipeline-docs-at';
export { pipelineMovement } from './pipeline-movement';
export { MOVEMENT_BUCKETS } from './movement.types';
export type { CurrencyMovement, MovementBucket, MovementBucketName, MovementEntry, MovementReport } from './movement.types';
export { forecastRows, type ForecastRow } from './forecast-rows';
export type { ForecastPeriod } from './forecast-periods';
