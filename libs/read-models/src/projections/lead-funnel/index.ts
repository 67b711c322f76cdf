export { LEAD_FUNNEL, LEAD_FUNNEL_LEADS, leadFunnelProjection } from './lead-funnel.projection';
export type { LeadFunnelLeadDoc } from './lead-funnel.projection';
export type { LeadFunnelDoc, LeadProgress } from './lead-progress';
export { funnelFilterFor, summariseFunnel, type FunnelQuery, type FunnelSourceSummary } from './lead-funnel-summary';
export { medianHours, mergeHistograms, type Histogram } from './funnel-histogram';
