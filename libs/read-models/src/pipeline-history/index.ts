export { TimelineSet, versionAt, versionOf } from './timeline.types';
export type { OpportunityTimeline, OpportunityVersion, OpportunityVersionDoc, Timelines } from './timeline.types';
export type { Instant } from './version-match';
export { pipelineDocsAt } from './pipeline-docs-at';
