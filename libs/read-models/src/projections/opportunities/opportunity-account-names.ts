/** Helper collection of the opportunities projection: what an account rename has to reach. */
export const OPPORTUNITY_ACCOUNT_NAMES = 'opportunity_account_names';

/**
 * One per account, keyed by account id: the name its opportunities denormalise (null while an
 * opportunity was opened before the account's registration was seen) and the ids of its
 * opportunities in the order they were opened, so a rename finds every document to update.
 */
export type OpportunityAccountNameDoc = { id: string; name: string | null; opportunityIds: string[] };

/** The account's helper with `opportunityId` listed once (an opportunity never changes account). */
export function withOpportunity(known: OpportunityAccountNameDoc | null, accountId: string, opportunityId: string): OpportunityAccountNameDoc {
  if (known === null) return { id: accountId, name: null, opportunityIds: [opportunityId] };
  if (known.opportunityIds.includes(opportunityId)) return known;
  return { id: accountId, name: known.name, opportunityIds: [...known.opportunityIds, opportunityId] };
}

export const withName = (known: OpportunityAccountNameDoc | null, accountId: string, name: string): OpportunityAccountNameDoc => ({
  id: accountId,
  name,
  opportunityIds: known === null ? [] : known.opportunityIds,
});
