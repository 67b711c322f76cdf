import { assertNever } from '../shared/assert-never';
import type { DisqualificationReason, LeadSource } from './lead.enums';
import type { LeadDetails, LeadEvent } from './lead.events';
import { blankPersonalFields } from '../privacy/person-erased';

/** What an erased lead keeps of the person: nothing (the disqualification notes are about them too). */
const LEAD_PERSONAL_STATE = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'sourceDetail'];

/** An erased person's names read as null, like every other personal field of theirs. */
export type LeadProfile = Omit<LeadDetails, 'firstName' | 'lastName'> & {
  firstName: string | null;
  lastName: string | null;
  leadId: string;
  subjectId: string;
  source: LeadSource;
  ownerId: string | null;
  erased: boolean;
};

export type UnknownLead = { status: 'Unknown' };
export type OpenLead = LeadProfile & { status: 'NEW' | 'WORKING' | 'QUALIFIED' };
export type DisqualifiedLead = LeadProfile & {
  status: 'DISQUALIFIED';
  disqualification: { reason: DisqualificationReason; notes: string | null };
};
export type ConvertedLead = LeadProfile & {
  status: 'CONVERTED';
  conversion: { accountId: string; contactId: string; opportunityId: string | null };
};

export type LeadState = UnknownLead | OpenLead | DisqualifiedLead | ConvertedLead;
export type ExistingLead = Exclude<LeadState, UnknownLead>;

export const initialLeadState = (): LeadState => ({ status: 'Unknown' });

const profileOf = (state: ExistingLead): LeadProfile => {
  const { leadId, subjectId, source, ownerId, erased, firstName, lastName, email, phone, jobTitle, seniority } = state;
  const { companyName, companyDomain, sourceDetail } = state;
  const details = { firstName, lastName, email, phone, jobTitle, seniority, companyName, companyDomain, sourceDetail };
  return { leadId, subjectId, source, ownerId, erased, ...details };
};

function erase(state: ExistingLead): ExistingLead {
  const blanked = { ...blankPersonalFields(state, LEAD_PERSONAL_STATE), erased: true };
  if (blanked.status !== 'DISQUALIFIED') return blanked;
  return { ...blanked, disqualification: { ...blanked.disqualification, notes: null } };
}

function evolveExisting(state: ExistingLead, event: Exclude<LeadEvent, { type: 'LeadCaptured' }>): LeadState {
  switch (event.type) {
    case 'LeadDetailsUpdated':
      return { ...state, ...event.data.changes };
    case 'LeadAssigned':
      return { ...state, ownerId: event.data.ownerId };
    case 'LeadWorkingStarted':
    case 'LeadReopened':
      return { ...profileOf(state), status: 'WORKING' };
    case 'LeadQualified':
      return { ...profileOf(state), status: 'QUALIFIED' };
    case 'LeadDisqualified': {
      const { reason, notes } = event.data;
      return { ...profileOf(state), status: 'DISQUALIFIED', disqualification: { reason, notes } };
    }
    case 'LeadConverted': {
      const { account, contact, opportunity } = event.data;
      const conversion = {
        accountId: account.accountId,
        contactId: contact.contactId,
        opportunityId: opportunity?.opportunityId ?? null,
      };
      return { ...profileOf(state), status: 'CONVERTED', conversion };
    }
    case 'PersonErased':
      return erase(state);
    case 'SuppressionLifted':
      return state;
    default:
      return assertNever(event);
  }
}

export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  if (event.type === 'LeadCaptured') {
    // Object.assign, not a spread: Node 20's V8 adds a key to a spread copy on its slow path (a few us).
    return Object.assign({}, event.data, { erased: false, status: 'NEW' as const });
  }
  if (state.status === 'Unknown') return state;
  return evolveExisting(state, event);
}
