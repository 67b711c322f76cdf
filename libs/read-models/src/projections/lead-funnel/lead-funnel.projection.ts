import { LEAD_EVENT_TYPES, type LeadEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { leadEventOf } from '../domain-event';
import {
  emptyFunnel,
  funnelId,
  leadEventMovesFunnel,
  leadFunnelLeadDoc,
  nextLeadProgress,
  sameProgress,
  shiftFunnel,
  trackedLeadOf,
  type LeadFunnelDoc,
  type LeadFunnelLeadDoc,
  type LeadProgress,
} from './lead-progress';

export const LEAD_FUNNEL = 'lead_funnel';
export const LEAD_FUNNEL_LEADS = 'lead_funnel_leads';

export type { LeadFunnelLeadDoc } from './lead-progress';

/** Only the lead's own document: later lead events do not carry the capture month that names the funnel. */
function prefetch(event: RecordedEvent): DocKey[] {
  const lead = leadEventOf(event);
  if (lead === null || !leadEventMovesFunnel(lead)) return [];
  return [{ collection: LEAD_FUNNEL_LEADS, id: lead.data.leadId }];
}

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

function apply(event: RecordedEvent, docs: ProjectionDocs): void {
  const lead = leadEventOf(event);
  if (lead === null || !leadEventMovesFunnel(lead)) return;
  const stored = docs.get<LeadFunnelLeadDoc>(LEAD_FUNNEL_LEADS, lead.data.leadId);
  const before = stored === null ? null : trackedLeadOf(stored);
  const after = nextLeadProgress(before, lead, occurredAt(event));
  if (after === null || (before !== null && sameProgress(before, after))) return;
  moveLead(docs, before, after);
  docs.put(LEAD_FUNNEL_LEADS, leadFunnelLeadDoc(after));
}

/**
 * Lead funnel counts and time-to-qualify/convert histograms per source and capture month. Each lead's
 * current progress is kept under its id, which names the funnel document it counts in (version 3:
 * that row holds only what differs from a fresh capture, see LeadFunnelLeadDoc).
 */
export const leadFunnelProjection: Projection = {
  name: 'lead_funnel',
  version: 3,
  collections: {
    [LEAD_FUNNEL]: [
      { fields: [{ field: 'source' }, { field: 'captureMonth' }] },
      { fields: [{ field: 'captureMonth' }] },
    ],
    [LEAD_FUNNEL_LEADS]: [],
  },
  filter: { categories: ['lead'], eventTypes: LEAD_EVENT_TYPES.filter((type) => leadEventMovesFunnel({ type } as LeadEvent)) },
  prefetch,
  apply,
};
