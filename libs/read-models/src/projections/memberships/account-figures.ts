import { recountContacts, recountOpportunities, type ContactLink, type OpportunityLink } from '../accounts/account-links';
import { emptyAccount, type AccountDoc } from '../accounts/account-doc';
import type { OpportunityDoc } from '../opportunities/opportunity-doc';
import type { MembershipDoc } from './membership-doc';

export type AccountFigures = Pick<AccountDoc, 'contactCount' | 'activeContactCount' | 'singleThreaded' | 'openOpportunityCount' | 'openPipeline' | 'wonAmount'>;

/**
 * An account's figures at one instant, counted by the accounts projection's own rules (its figures
 * are the sum of its members' links): from the contacts' membership periods that held then and the
 * account's opportunities as they stood then.
 */
export function accountFiguresAt(accountId: string, contacts: readonly MembershipDoc[], opportunities: readonly OpportunityDoc[]): AccountFigures {
  let doc = emptyAccount(accountId);
  for (const period of contacts) {
    if (period.kind !== 'CONTACT' || period.accountId !== accountId) continue;
    doc = recountContacts(doc, null, { id: period.memberId, accountId, status: period.status } as ContactLink);
  }
  for (const opportunity of opportunities) {
    if (opportunity.accountId !== accountId) continue;
    const link: OpportunityLink = { id: opportunity.id, accountId, status: opportunity.status, amount: opportunity.amount };
    doc = recountOpportunities(doc, null, link);
  }
  const { contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount } = doc;
  return { contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount };
}
