export { TimelineSet, versionAt, versionOf } from './timeline.types';
export type { OpportunityTimeline, OpportunityVersion, OpportunityVersionDoc, Timelines } from './timeline.types';
export { TimelineKeeper } from './timeline-keeper';
