import type { LeadState } from '@crm/domain';
import type { LeadNode } from './lead.types';

/**
 * A lead replayed from its stream (asOf) in the shape of the read model. Times of the lifecycle
 * are a read-model convenience and are not part of the replayed state, so they are null here.
 */
export const leadNodeFromState = (state: LeadState, revision: number): LeadNode | null => {
  if (state.status === 'Unknown') return null;
  return {
    id: state.leadId,
    status: state.status,
    firstName: state.firstName,
    lastName: state.lastName,
    fullName: `${state.firstName} ${state.lastName}`,
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
