import type { ContactLink, OpportunityLink } from '../accounts/account-links';
import { recountContacts, recountOpportunities } from '../accounts/account-links';
import { emptyAccount, type AccountDoc } from '../accounts/account-doc';
import type { MembershipDoc } from './membership-doc';

export type AccountFigures = Pick<AccountDoc, 'contactCount' | 'activeContactCount' | 'singleThreaded' | 'openOpportunityCount' | 'openPipeline' | 'wonAmount'>;

/**
 * An account's figures from the periods of its contacts and opportunities at one instant, counted by
 * the accounts projection's own rules: its figures are the sum of its members' current links.
 */
export function accountFiguresAt(accountId: string, periods: readonly MembershipDoc[]): AccountFigures {
  let doc = emptyAccount(accountId);
  for (const period of periods) {
    if (period.accountId !== accountId) continue;
    if (period.kind === 'CONTACT') {
      doc = recountContacts(doc, null, { id: period.memberId, accountId, status: period.status } as ContactLink);
    } else if (period.kind === 'OPPORTUNITY') {
      doc = recountOpportunities(doc, null, { id: period.memberId, accountId, status: period.status, amount: period.amount } as OpportunityLink);
    }
  }
  const { contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount } = doc;
  return { contactCount, activeContactCount, singleThreaded, openOpportunityCount, openPipeline, wonAmount };
}
