export { OPPORTUNITY_TIMELINE_HEADS, OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from './opportunity-timeline.projection';
export type { TimelineHeadDoc } from './timeline-head';
