import { type ContactEvent, type MoneyJson, type OpportunityEvent, type OpportunityStatus } from '@crm/domain';
import { addToTotals, moneyOf } from '../pipeline/money-doc';
import type { AccountDoc } from './account-doc';

/** How one contact counts at an account. */
export type ContactLink = { accountId: string; status: 'ACTIVE' | 'LEFT' };

/** How one opportunity counts at its account. */
export type OpportunityLink = { accountId: string; status: OpportunityStatus; amount: MoneyJson };

export const contactEventMovesCounts = (event: ContactEvent): boolean => event.type !== 'ContactDetailsUpdated';

export function nextContactLink(before: ContactLink | null, event: ContactEvent): ContactLink | null {
  switch (event.type) {
    case 'ContactAdded':
      return { accountId: event.data.accountId, status: 'ACTIVE' };
    case 'ContactMoved':
      return { accountId: event.data.toAccountId, status: 'ACTIVE' };
    case 'ContactLeft':
      return { accountId: event.data.accountId, status: 'LEFT' };
    default:
      return before;
  }
}

export const opportunityEventMovesSums = (event: OpportunityEvent): boolean =>
  ['OpportunityOpened', 'OpportunityWon', 'OpportunityLost', 'OpportunityReopened'].includes(event.type) ||
  (event.type === 'OpportunityRevised' && event.data.changes.amount !== undefined);

export function nextOpportunityLink(before: OpportunityLink | null, event: OpportunityEvent): OpportunityLink | null {
  const { accountId } = event.data;
  switch (event.type) {
    case 'OpportunityOpened':
    case 'OpportunityReopened':
      return { accountId, status: 'OPEN', amount: event.data.amount };
    case 'OpportunityWon':
      return { accountId, status: 'WON', amount: event.data.amount };
    case 'OpportunityLost':
      return { accountId, status: 'LOST', amount: event.data.amount };
    case 'OpportunityRevised': {
      const { amount } = event.data.changes;
      return before === null || amount === undefined ? before : { ...before, amount };
    }
    default:
      return before;
  }
}

const withThreading = (doc: AccountDoc): AccountDoc => ({ ...doc, singleThreaded: doc.activeContactCount <= 1 });

/** Adds (sign 1) or removes (sign -1) a contact's share of the account's counts. */
export function shiftContact(doc: AccountDoc, link: ContactLink | null, sign: 1 | -1): AccountDoc {
  if (link === null || link.accountId !== doc.id) return doc;
  const active = link.status === 'ACTIVE' ? sign : 0;
  const counts = { contactCount: doc.contactCount + sign, activeContactCount: doc.activeContactCount + active };
  return withThreading({ ...doc, ...counts });
}

/** Adds (sign 1) or removes (sign -1) an opportunity's share of the account's sums. */
export function shiftOpportunity(doc: AccountDoc, link: OpportunityLink | null, sign: 1 | -1): AccountDoc {
  if (link === null || link.accountId !== doc.id || link.status === 'LOST') return doc;
  const money = moneyOf(link.amount);
  if (link.status === 'WON') return { ...doc, wonAmount: addToTotals(doc.wonAmount, money, sign) };
  const openOpportunityCount = doc.openOpportunityCount + sign;
  return { ...doc, openOpportunityCount, openPipeline: addToTotals(doc.openPipeline, money, sign) };
}
