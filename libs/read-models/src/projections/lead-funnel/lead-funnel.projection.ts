import type { LeadEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection, type ProjectionLookup } from '../projection';
import { occurredAt } from '../projection-helpers';
import { versionBefore, versionDocsIn, versionId, versionKeys, withVersions, writeVersion } from '../pipeline/contribution-versions';
import { leadEventOf, uniqueKeys } from '../pipeline/domain-event';
import {
  emptyFunnel,
  funnelId,
  leadEventMovesFunnel,
  monthOf,
  nextLeadProgress,
  shiftFunnel,
  type LeadFunnelDoc,
  type LeadProgress,
} from './lead-progress';

export const LEAD_FUNNEL = 'lead_funnel';
export const LEAD_FUNNEL_LEADS = 'lead_funnel_leads';

/**
 * A version of one lead's progress, in force from `revision` of the lead's stream. Its id ends with
 * the source and capture month, which is how `keys` finds the funnel document of later lead events
 * (they do not carry the capture month).
 */
export type LeadFunnelLeadDoc = LeadProgress & { id: string; leadId: string; revision: number };

/** The funnel slot (source, capture month) the lead counts in after this event, as `keys` sees it. */
function slotAfter(event: RecordedEvent, lead: LeadEvent, before: string[] | null): string[] | null {
  if (lead.type === 'LeadCaptured') return [lead.data.source, monthOf(occurredAt(event))];
  return before;
}

function keys(event: RecordedEvent, lookup: ProjectionLookup): DocKey[] | Promise<DocKey[]> {
  const lead = leadEventOf(event);
  if (lead === null || !leadEventMovesFunnel(lead)) return [];
  const { leadId } = lead.data;
  return withVersions(lookup, LEAD_FUNNEL_LEADS, { field: 'leadId', id: leadId, revision: event.revision }, (versions) => {
    const before = versionBefore(versions, event.revision)?.slot ?? null;
    const after = slotAfter(event, lead, before);
    const newId = after === null ? null : versionId(leadId, event.revision, after);
    const funnels = [before, after].flatMap((slot) => (slot === null ? [] : [funnelId(slot[0], slot[1])]));
    const funnelKeys = funnels.map((id) => ({ collection: LEAD_FUNNEL, id }));
    return uniqueKeys([...versionKeys(LEAD_FUNNEL_LEADS, versions, event.revision, newId), ...funnelKeys]);
  });
}

function progressOf(doc: LeadFunnelLeadDoc | null): LeadProgress | null {
  if (doc === null) return null;
  const { source, captureMonth, capturedAt, worked, qualified, disqualified, converted } = doc;
  return { source, captureMonth, capturedAt, worked, qualified, disqualified, converted, ...durationsOf(doc) };
}

const durationsOf = ({ hoursToQualify, hoursToConvert }: LeadProgress) => ({ hoursToQualify, hoursToConvert });

function shiftFunnels(
  out: Map<string, Doc | null>,
  docs: ReadonlyMap<string, Doc | null>,
  before: LeadProgress | null,
  after: LeadProgress,
): void {
  const steps: Array<[LeadProgress, 1 | -1]> = before === null ? [[after, 1]] : [[before, -1], [after, 1]];
  for (const [lead, sign] of steps) {
    const key = docKey(LEAD_FUNNEL, funnelId(lead.source, lead.captureMonth));
    // Only documents `keys` asked for were loaded; writing any other would overwrite unseen counts.
    if (!docs.has(key)) continue;
    const doc = (out.get(key) ?? docs.get(key) ?? emptyFunnel(lead.source, lead.captureMonth)) as LeadFunnelDoc;
    out.set(key, shiftFunnel(doc, lead, sign));
  }
}

function apply(event: RecordedEvent, docs: ReadonlyMap<string, Doc | null>): Map<string, Doc | null> {
  const out = new Map<string, Doc | null>();
  const lead = leadEventOf(event);
  if (lead === null || !leadEventMovesFunnel(lead)) return out;
  const versions = versionDocsIn<LeadFunnelLeadDoc>(docs, LEAD_FUNNEL_LEADS);
  const before = progressOf(versionBefore(versions, event.revision));
  const after = nextLeadProgress(before, lead, occurredAt(event));
  if (after === null) return out;
  const { leadId } = lead.data;
  const id = versionId(leadId, event.revision, [after.source, after.captureMonth]);
  writeVersion(out, LEAD_FUNNEL_LEADS, versions, { ...after, id, leadId, revision: event.revision });
  shiftFunnels(out, docs, before, after);
  return out;
}

/** Lead funnel counts and time-to-qualify/convert histograms per source and capture month. */
export const leadFunnelProjection: Projection = {
  name: 'lead_funnel',
  version: 1,
  collections: {
    [LEAD_FUNNEL]: [
      { fields: [{ field: 'source' }, { field: 'captureMonth' }] },
      { fields: [{ field: 'captureMonth' }] },
    ],
    [LEAD_FUNNEL_LEADS]: [{ fields: [{ field: 'leadId' }] }],
  },
  filter: { categories: ['lead'] },
  keys,
  apply,
};
