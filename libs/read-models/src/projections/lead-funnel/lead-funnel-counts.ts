import type { LeadEvent } from '@crm/domain';
import type { IndexSpec } from '../../store/read-store.port';
import type { ProjectionDocs } from '../projection';
import {
  emptyFunnel,
  funnelFlagsOf,
  funnelId,
  leadEventMovesFunnel,
  nextLeadProgress,
  sameProgress,
  shiftFunnel,
  trackedLeadOf,
  type FunnelLead,
  type LeadFunnelDoc,
  type LeadFunnelFlags,
  type LeadProgress,
} from './lead-progress';

export const LEAD_FUNNEL = 'lead_funnel';

/** The funnel documents, per source and capture month: read by source and month, or by month. */
export const LEAD_FUNNEL_INDEXES: IndexSpec[] = [{ fields: [{ field: 'source' }, { field: 'captureMonth' }] }, { fields: [{ field: 'captureMonth' }] }];

const funnelOf = (docs: ProjectionDocs, lead: LeadProgress): LeadFunnelDoc =>
  docs.get<LeadFunnelDoc>(LEAD_FUNNEL, funnelId(lead.source, lead.captureMonth)) ?? emptyFunnel(lead.source, lead.captureMonth);

/** Takes the lead's previous progress out of its funnel and puts the new one in: one write when the funnel stays. */
function moveLead(docs: ProjectionDocs, before: LeadProgress | null, after: LeadProgress): void {
  const target = funnelOf(docs, after);
  if (before !== null && before.source === after.source && before.captureMonth === after.captureMonth) {
    docs.put(LEAD_FUNNEL, shiftFunnel(target, after, before));
    return;
  }
  if (before !== null) docs.put(LEAD_FUNNEL, shiftFunnel(funnelOf(docs, before), null, before));
  docs.put(LEAD_FUNNEL, shiftFunnel(target, after, null));
}

/**
 * Counts a lead event in the lead funnel (counts and time-to-qualify/convert histograms per source
 * and capture month). `before` is the lead as the leads projection held it before the event (null
 * for a capture). Returns the flags to keep in the lead's document, or null when its progress did
 * not move and nothing was written.
 */
export function countInFunnel(docs: ProjectionDocs, before: FunnelLead | null, event: LeadEvent, at: string): LeadFunnelFlags | null {
  if (!leadEventMovesFunnel(event)) return null;
  const was = before === null ? null : trackedLeadOf(before);
  const now = nextLeadProgress(was, event, at);
  if (now === null || (was !== null && sameProgress(was, now))) return null;
  moveLead(docs, was, now);
  return funnelFlagsOf(now);
}
