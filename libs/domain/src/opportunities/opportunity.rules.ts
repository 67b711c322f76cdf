import { NotFoundError, RuleViolation } from '../shared/errors';
import type { ExistingOpportunity, OpenOpportunityState, OpportunityState } from './opportunity.state';

export function requireOpportunity(state: OpportunityState, opportunityId: string): ExistingOpportunity {
  if (state.status === 'Unknown' || state.opportunityId !== opportunityId.trim().toLowerCase()) {
    throw new NotFoundError('Opportunity', opportunityId);
  }
  return state;
}

/** A won or lost opportunity changes only through ReopenOpportunity. */
export function requireOpen(opportunity: ExistingOpportunity): OpenOpportunityState {
  if (opportunity.status !== 'OPEN') {
    throw new RuleViolation(
      'OPPORTUNITY_CLOSED',
      `Opportunity ${opportunity.opportunityId} is ${opportunity.status.toLowerCase()}: reopen it first`,
    );
  }
  return opportunity;
}

export function requireContactAtAccount(
  contactId: string,
  contactAccountId: string | null | undefined,
  accountId: string,
): void {
  if (contactAccountId == null || contactAccountId.trim().toLowerCase() !== accountId) {
    throw new RuleViolation('CONTACT_NOT_AT_ACCOUNT', `Contact ${contactId} does not work at account ${accountId}`);
  }
}
