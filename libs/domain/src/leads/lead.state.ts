import { assertNever } from '../shared/assert-never';
import type { DisqualificationReason, LeadSource } from './lead.enums';
import type { LeadDetails, LeadEvent } from './lead.events';

export type LeadProfile = LeadDetails & {
  leadId: string;
  source: LeadSource;
  ownerId: string | null;
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
  const { leadId, source, ownerId, firstName, lastName, email, phone, jobTitle, seniority } = state;
  const { companyName, companyDomain, sourceDetail } = state;
  const details = { firstName, lastName, email, phone, jobTitle, seniority, companyName, companyDomain, sourceDetail };
  return { leadId, source, ownerId, ...details };
};

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
    default:
      return assertNever(event);
  }
}

export function evolveLead(state: LeadState, event: LeadEvent): LeadState {
  if (event.type === 'LeadCaptured') {
    const { leadId, source, ownerId, ...details } = event.data;
    return { ...details, leadId, source, ownerId, status: 'NEW' };
  }
  if (state.status === 'Unknown') return state;
  return evolveExisting(state, event);
}
