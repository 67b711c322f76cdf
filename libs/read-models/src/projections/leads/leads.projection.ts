import { LEAD_EVENT_TYPES, assertNever, type LeadCaptured, type LeadDetails, type LeadEvent } from '@crm/domain';
import type { Doc } from '../../store/read-store.port';
import type { DocKey, Projection } from '../projection';
import { emailKey, fullName, occurredAt, pickChanges, requireDoc } from '../projection-helpers';
import { countInFunnel, LEAD_FUNNEL, LEAD_FUNNEL_INDEXES } from '../lead-funnel/lead-funnel-counts';
import type { FunnelLead } from '../lead-funnel/lead-progress';

export const LEADS = 'leads';

const PERSONAL_DOC_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'sourceDetail', 'disqualificationNotes'];

const DETAIL_FIELDS: ReadonlyArray<keyof LeadDetails> = [
  'firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'companyName', 'companyDomain', 'sourceDetail',
];

/**
 * The fields derived from the details; only details events change them, so only they recompute them.
 * Names read as null only when the person's key is gone (replayed as of an instant before the
 * erasure): then the full name is unknown too, not empty.
 */
const derivedOf = (first: unknown, last: unknown, email: unknown) => {
  const name = fullName(first, last);
  return { fullName: name === '' ? null : name, emailKey: emailKey(email) };
};

const captured = (data: LeadCaptured['data'], at: string, revision: number): Doc => ({
  id: data.leadId, subjectId: data.subjectId, erased: false, status: 'NEW', firstName: data.firstName, lastName: data.lastName, email: data.email, phone: data.phone,
  jobTitle: data.jobTitle, seniority: data.seniority, companyName: data.companyName, companyDomain: data.companyDomain,
  source: data.source, sourceDetail: data.sourceDetail, ownerId: data.ownerId,
  disqualificationReason: null, disqualificationNotes: null,
  convertedAccountId: null, convertedContactId: null, convertedOpportunityId: null,
  capturedAt: at, qualifiedAt: null, disqualifiedAt: null, convertedAt: null,
  ...derivedOf(data.firstName, data.lastName, data.email),
  updatedAt: at, revision,
});

/**
 * An erased person leaves their lead's facts and none of their own: the store derives the search words
 * from the document as written, so theirs leave the search index with this write.
 */
const erased = (doc: Doc, at: string, revision: number): Doc => ({
  ...doc,
  ...Object.fromEntries(PERSONAL_DOC_FIELDS.map((field) => [field, null])),
  ...derivedOf(null, null, null),
  fullName: null,
  erased: true,
  updatedAt: at,
  revision,
});

/** The new document: one copy of the stored one with the event's changes and stamp. */
const evolve = (doc: Doc, event: Exclude<LeadEvent, LeadCaptured>, at: string, revision: number): Doc => {
  switch (event.type) {
    case 'LeadDetailsUpdated': {
      const next: Doc = { ...doc, ...pickChanges(event.data.changes, DETAIL_FIELDS), updatedAt: at, revision };
      return Object.assign(next, derivedOf(next.firstName, next.lastName, next.email));
    }
    case 'LeadAssigned':
      return { ...doc, ownerId: event.data.ownerId, updatedAt: at, revision };
    case 'LeadWorkingStarted':
      return { ...doc, status: 'WORKING', updatedAt: at, revision };
    case 'LeadQualified':
      return { ...doc, status: 'QUALIFIED', qualifiedAt: at, updatedAt: at, revision };
    case 'LeadDisqualified': {
      const { reason, notes } = event.data;
      return { ...doc, status: 'DISQUALIFIED', disqualifiedAt: at, disqualificationReason: reason, disqualificationNotes: notes, updatedAt: at, revision };
    }
    case 'LeadReopened':
      // A reopened lead is worked again: the old verdict no longer describes it.
      return { ...doc, status: 'WORKING', disqualifiedAt: null, disqualificationReason: null, disqualificationNotes: null, updatedAt: at, revision };
    case 'PersonErased':
      return erased(doc, at, revision);
    case 'SuppressionLifted':
      return { ...doc, updatedAt: at, revision };
    case 'LeadConverted': {
      const { account, contact, opportunity } = event.data;
      const converted = { convertedAccountId: account.accountId, convertedContactId: contact.contactId, convertedOpportunityId: opportunity?.opportunityId ?? null };
      return { ...doc, status: 'CONVERTED', convertedAt: at, ...converted, updatedAt: at, revision };
    }
    default:
      return assertNever(event);
  }
};

/** Names count twice what the rest does in a search's relevance. */
export const LEAD_SEARCH = { firstName: 2, lastName: 2, email: 1, phone: 1, companyName: 1, companyDomain: 1 };

/**
 * One document per lead, for the lead list (filters by status, source, owner, capture date, company;
 * search), and the lead funnel (`lead_funnel`: counts and durations per source and capture month).
 * The funnel needs each lead's progress (worked, qualified, ... and how long it took), kept as the
 * lead document's `funnel`: in its own collection it cost a row and an id index entry per capture,
 * and a commit of its own, about 1.5 KB of WAL per captureLead (version 4; before, the funnel was a
 * projection of its own, `lead_funnel`).
 */
export const leadsProjection: Projection = {
  name: 'leads',
  version: 4,
  collections: {
    [LEADS]: [
      { fields: [{ field: 'status' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'source' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'ownerId' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'companyName' }] },
    ],
    [LEAD_FUNNEL]: LEAD_FUNNEL_INDEXES,
  },
  search: { [LEADS]: LEAD_SEARCH },
  filter: { categories: ['lead'], eventTypes: LEAD_EVENT_TYPES },
  prefetch: (event): DocKey[] => [{ collection: LEADS, id: String(event.data.leadId) }],
  apply(event, docs) {
    const at = occurredAt(event);
    const lead = event as unknown as LeadEvent;
    const before = lead.type === 'LeadCaptured' ? null : requireDoc(docs, LEADS, String(event.data.leadId), event);
    const next = lead.type === 'LeadCaptured' ? captured(lead.data, at, event.revision) : evolve(before as Doc, lead, at, event.revision);
    const funnel = countInFunnel(docs, before as FunnelLead | null, lead, at);
    if (funnel !== null) next.funnel = funnel;
    docs.put(LEADS, next);
  },
};
