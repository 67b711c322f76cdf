import { OPPORTUNITY_EVENT_TYPES } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { OpportunityVersionDoc } from '../../pipeline-history/timeline.types';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { opportunityEventOf } from '../domain-event';
import { fieldsOf, nextFields, openedFields, sameFields, type TimelineHeadDoc, type VersionFields } from './timeline-head';

export const OPPORTUNITY_VERSIONS = 'opportunity_versions';
export const OPPORTUNITY_TIMELINE_HEADS = 'opportunity_timeline_heads';

/** Business times as one ISO format, so the stored times compare as text and parse back alike. */
const instant = (iso: string): string => new Date(Date.parse(iso)).toISOString();
const later = (a: string, b: string): string => (a >= b ? a : b);

type Placed = { opportunityId: string; seq: number; at: string; openedAt: string; knownAt: string; fields: VersionFields };

const headDoc = ({ opportunityId, seq, at, openedAt, knownAt, fields }: Placed): TimelineHeadDoc => ({
  id: opportunityId,
  seq,
  at,
  openedAt,
  ...fieldsOf(fields),
  knownAt,
});

const versionDoc = ({ opportunityId, seq, at, openedAt, fields }: Placed): OpportunityVersionDoc => ({
  id: `${opportunityId}:${seq}`,
  opportunityId,
  seq,
  at,
  openedAt,
  ...fieldsOf(fields),
});

/** A version is stored once its head counts it, in the same batch: the head read before proves the next one new. */
function written(docs: ProjectionDocs, placed: Placed): void {
  docs.put(OPPORTUNITY_VERSIONS, versionDoc(placed), { unstored: true });
  docs.put(OPPORTUNITY_TIMELINE_HEADS, headDoc(placed));
}

function prefetch(event: RecordedEvent): DocKey[] {
  const change = opportunityEventOf(event);
  return change === null ? [] : [{ collection: OPPORTUNITY_TIMELINE_HEADS, id: change.data.opportunityId }];
}

/**
 * A new version when the event changes what a version holds; else only the head, when the event's
 * business time is later than any before it (a later backdated change then still holds from there).
 */
function apply(event: RecordedEvent, docs: ProjectionDocs): void {
  const change = opportunityEventOf(event);
  if (change === null) return;
  const opportunityId = change.data.opportunityId;
  const head = docs.get<TimelineHeadDoc>(OPPORTUNITY_TIMELINE_HEADS, opportunityId);
  const occurred = instant(occurredAt(event));
  if (change.type === 'OpportunityOpened') {
    // Opened once: a second OpportunityOpened of the stream changes nothing, as in the opportunities read model.
    if (head === null) written(docs, { opportunityId, seq: 0, at: occurred, openedAt: occurred, knownAt: occurred, fields: openedFields(change.data) });
    return;
  }
  // Any other event before OpportunityOpened has too little to build a version from.
  if (head === null) return;
  const knownAt = later(head.knownAt, occurred);
  const fields = nextFields(head, change);
  const { seq, at, openedAt } = head;
  if (!sameFields(fields, head)) return written(docs, { opportunityId, seq: seq + 1, at: knownAt, openedAt, knownAt, fields });
  if (knownAt !== head.knownAt) docs.put(OPPORTUNITY_TIMELINE_HEADS, headDoc({ opportunityId, seq, at, openedAt, knownAt, fields: head }));
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/**
 * Every version of every opportunity through business time, for the pipeline as it stood at any
 * instant, its movement between two, the forecast and stage velocity (pipeline-history/). Versions
 * are immutable once written, so readers keep them in memory and catch up on `lastPosition`; the
 * heads are the projection's own working state.
 */
export const opportunityTimelineProjection: Projection = {
  name: 'opportunity_timeline',
  version: 1,
  collections: {
    [OPPORTUNITY_VERSIONS]: [on('lastPosition')],
    [OPPORTUNITY_TIMELINE_HEADS]: [],
  },
  filter: { categories: ['opportunity'], eventTypes: OPPORTUNITY_EVENT_TYPES },
  prefetch,
  apply,
};
