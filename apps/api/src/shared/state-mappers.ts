import { Money as DomainMoney, stageProbability, type AccountState, type ContactState, type LeadState, type OpportunityState } from '@crm/domain';
import type { AccountNode } from '../accounts/account.types';
import type { ContactNode } from '../contacts/contact.types';
import type { LeadNode } from '../leads/lead.types';
import type { OpportunityNode } from '../opportunities/opportunity.types';

/*
 * Entities replayed from their own stream (asOf) in the shape of the read models. Figures that a read
 * model derives from other streams (contact counts, pipeline sums, account names, lifecycle times)
 * are not part of one stream's state, so they come back zero, empty or null here.
 */

/** An erased person has no name: null, as in the read models, not the string "null null". */
const fullNameOf = (first: string | null, last: string | null): string | null =>
  first === null && last === null ? null : `${first ?? ''} ${last ?? ''}`.trim();

export const leadNodeFromState = (state: LeadState, revision: number): LeadNode | null => {
  if (state.status === 'Unknown') return null;
  return {
    id: state.leadId,
    status: state.status,
    firstName: state.firstName,
    lastName: state.lastName,
    fullName: fullNameOf(state.firstName, state.lastName),
    erased: state.erased,
    email: state.email,
    phone: state.phone,
    jobTitle: state.jobTitle,
    seniority: state.seniority,
    companyName: state.companyName,
    companyDomain: state.companyDomain,
    source: state.source,
    sourceDetail: state.sourceDetail,
    ownerId: state.ownerId,
    disqualificationReason: state.status === 'DISQUALIFIED' ? state.disqualification.reason : null,
    disqualificationNotes: state.status === 'DISQUALIFIED' ? state.disqualification.notes : null,
    convertedAccountId: state.status === 'CONVERTED' ? state.conversion.accountId : null,
    convertedContactId: state.status === 'CONVERTED' ? state.conversion.contactId : null,
    convertedOpportunityId: state.status === 'CONVERTED' ? state.conversion.opportunityId : null,
    capturedAt: null,
    qualifiedAt: null,
    disqualifiedAt: null,
    convertedAt: null,
    updatedAt: null,
    revision,
  };
};

const money = (value: DomainMoney) => ({ amount: DomainMoney.format(value), currency: value.currency });

export const accountNodeFromState = (state: AccountState, revision: number): AccountNode | null => {
  if (state.status === 'Unknown') return null;
  const { accountId, name, kind, domain, industry, parentAccountId, registrationNumber, ownerId } = state;
  return {
    id: accountId, name, kind, domain, industry, parentAccountId, registrationNumber, ownerId,
    contactCount: 0, activeContactCount: 0, singleThreaded: true, openOpportunityCount: 0, openPipeline: [], wonAmount: [],
    createdAt: null, updatedAt: null, revision,
  };
};

export const contactNodeFromState = (state: ContactState, revision: number): ContactNode | null => {
  if (state.status === 'Unknown') return null;
  const { contactId, accountId, firstName, lastName, email, phone, jobTitle, relationship, status, sourceLeadId } = state;
  return {
    id: contactId, accountId, firstName, lastName, fullName: fullNameOf(firstName, lastName), email, phone, jobTitle,
    relationship, status, sourceLeadId, erased: state.erased, createdAt: null, updatedAt: null, revision,
  };
};

export const opportunityNodeFromState = (state: OpportunityState, revision: number): OpportunityNode | null => {
  if (state.status === 'Unknown') return null;
  const probability = stageProbability(state.stage);
  const contactRoles = Object.entries(state.contactRoles).flatMap(([contactId, roles]) =>
    roles.map((role) => ({ contactId, role, primary: contactId === state.primaryContactId })),
  );
  return {
    id: state.opportunityId, accountId: state.accountId, accountName: null, name: state.name,
    amount: money(state.amount), weightedAmount: money(DomainMoney.multiplyByPercent(state.amount, probability)),
    stage: state.stage, probability, status: state.status, ownerId: state.ownerId, expectedCloseDate: state.expectedCloseDate,
    stageEnteredAt: null, primaryContactId: state.primaryContactId, contactRoles,
    lossReason: state.status === 'LOST' ? state.lossReason : null, competitor: state.status === 'LOST' ? state.competitor : null,
    closedAt: null, createdAt: null, updatedAt: null, revision,
  };
};
