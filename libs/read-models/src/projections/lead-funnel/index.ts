export { LEAD_FUNNEL } from './lead-funnel-counts';
export type { LeadFunnelDoc, LeadFunnelFlags, LeadProgress } from './lead-progress';
export { funnelFilterFor, summariseFunnel, type FunnelQuery, type FunnelSourceSummary } from './lead-funnel-summary';
export { medianHours, mergeHistograms, type Histogram } from './funnel-histogram';
