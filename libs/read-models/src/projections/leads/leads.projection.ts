import { LEAD_EVENT_TYPES, assertNever, type LeadCaptured, type LeadDetails, type LeadEvent } from '@crm/domain';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection } from '../projection';
import { fullName, occurredAt, pickChanges, requireDoc, searchText } from '../projection-helpers';

export const LEADS = 'leads';

const DETAIL_FIELDS: ReadonlyArray<keyof LeadDetails> = [
  'firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'companyName', 'companyDomain', 'sourceDetail',
];

const withDerived = (doc: Doc): Doc => ({
  ...doc,
  fullName: fullName(doc.firstName, doc.lastName),
  searchText: searchText(fullName(doc.firstName, doc.lastName), doc.email as string | null, doc.companyName as string | null),
});

const captured = (data: LeadCaptured['data'], at: string): Doc =>
  withDerived({
    id: data.leadId, status: 'NEW', firstName: data.firstName, lastName: data.lastName, email: data.email, phone: data.phone,
    jobTitle: data.jobTitle, seniority: data.seniority, companyName: data.companyName, companyDomain: data.companyDomain,
    source: data.source, sourceDetail: data.sourceDetail, ownerId: data.ownerId,
    disqualificationReason: null, disqualificationNotes: null,
    convertedAccountId: null, convertedContactId: null, convertedOpportunityId: null,
    capturedAt: at, qualifiedAt: null, disqualifiedAt: null, convertedAt: null,
  });

const evolve = (doc: Doc, event: Exclude<LeadEvent, LeadCaptured>, at: string): Doc => {
  switch (event.type) {
    case 'LeadDetailsUpdated':
      return withDerived({ ...doc, ...pickChanges(event.data.changes, DETAIL_FIELDS) });
    case 'LeadAssigned':
      return { ...doc, ownerId: event.data.ownerId };
    case 'LeadWorkingStarted':
      return { ...doc, status: 'WORKING' };
    case 'LeadQualified':
      return { ...doc, status: 'QUALIFIED', qualifiedAt: at };
    case 'LeadDisqualified':
      return { ...doc, status: 'DISQUALIFIED', disqualifiedAt: at, disqualificationReason: event.data.reason, disqualificationNotes: event.data.notes };
    case 'LeadReopened':
      // A reopened lead is worked again: the old verdict no longer describes it.
      return { ...doc, status: 'WORKING', disqualifiedAt: null, disqualificationReason: null, disqualificationNotes: null };
    case 'LeadConverted':
      return {
        ...doc, status: 'CONVERTED', convertedAt: at, convertedAccountId: event.data.account.accountId,
        convertedContactId: event.data.contact.contactId, convertedOpportunityId: event.data.opportunity?.opportunityId ?? null,
      };
    default:
      return assertNever(event);
  }
};

/** One document per lead, for the lead list (filters by status, source, owner, capture date, company, name). */
export const leadsProjection: Projection = {
  name: 'leads',
  version: 1,
  collections: {
    [LEADS]: [
      { fields: [{ field: 'status' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'source' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'ownerId' }, { field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'capturedAt', direction: -1 }] },
      { fields: [{ field: 'companyName' }] },
      { fields: [{ field: 'searchText' }] },
    ],
  },
  filter: { categories: ['lead'], eventTypes: LEAD_EVENT_TYPES },
  keys: (event): DocKey[] => [{ collection: LEADS, id: String(event.data.leadId) }],
  apply(event, docs) {
    const id = String(event.data.leadId);
    const at = occurredAt(event);
    const lead = event as unknown as LeadEvent;
    const next = lead.type === 'LeadCaptured' ? captured(lead.data, at) : evolve(requireDoc(docs, LEADS, id, event), lead, at);
    return new Map([[docKey(LEADS, id), { ...next, updatedAt: at, revision: event.revision }]]);
  },
};
