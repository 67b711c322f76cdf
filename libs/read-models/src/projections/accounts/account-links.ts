import type {
  ContactAdded,
  ContactLeft,
  ContactMoved,
  OpportunityLost,
  OpportunityOpened,
  OpportunityReopened,
  OpportunityRevised,
  OpportunityStatus,
  OpportunityWon,
} from '@crm/domain';
import { amountDoc, shiftTotals, type MoneyDoc } from '../money';
import type { AccountDoc } from './account-doc';

/**
 * How one contact counts at an account: the contact's helper document (id = contact id), so the next
 * event of the contact knows what to take away from where.
 */
export type ContactLink = { id: string; accountId: string; status: 'ACTIVE' | 'LEFT' };

/** How one opportunity counts at its account: the opportunity's helper document (id = opportunity id). */
export type OpportunityLink = { id: string; accountId: string; status: OpportunityStatus; amount: MoneyDoc };

/** The contact events that change how a contact counts (details changes do not). */
export type ContactLinkEvent = ContactAdded | ContactMoved | ContactLeft;

/** The opportunity events that change how an opportunity counts (a revision only with an amount). */
export type OpportunityLinkEvent = OpportunityOpened | OpportunityWon | OpportunityLost | OpportunityReopened | OpportunityRevised;

/** These events alone say where the contact counts now. */
export function nextContactLink(event: ContactLinkEvent): ContactLink {
  const id = event.data.contactId;
  switch (event.type) {
    case 'ContactAdded':
      return { id, accountId: event.data.accountId, status: 'ACTIVE' };
    case 'ContactMoved':
      return { id, accountId: event.data.toAccountId, status: 'ACTIVE' };
    case 'ContactLeft':
      return { id, accountId: event.data.accountId, status: 'LEFT' };
  }
}

/** Null when a revision comes before anything counted (nothing to revise). */
export function nextOpportunityLink(before: OpportunityLink | null, event: OpportunityLinkEvent): OpportunityLink | null {
  const { opportunityId: id, accountId } = event.data;
  const known = before === null ? null : before.amount;
  switch (event.type) {
    case 'OpportunityOpened':
    case 'OpportunityReopened':
      return { id, accountId, status: 'OPEN', amount: amountDoc(event.data.amount, known) };
    case 'OpportunityWon':
      return { id, accountId, status: 'WON', amount: amountDoc(event.data.amount, known) };
    case 'OpportunityLost':
      return { id, accountId, status: 'LOST', amount: amountDoc(event.data.amount, known) };
    case 'OpportunityRevised': {
      const { amount } = event.data.changes;
      if (before === null || amount === undefined) return before;
      return { id, accountId: before.accountId, status: before.status, amount: amountDoc(amount, known) };
    }
  }
}

export const sameContactLink = (a: ContactLink, b: ContactLink): boolean => a.accountId === b.accountId && a.status === b.status;

export const sameOpportunityLink = (a: OpportunityLink, b: OpportunityLink): boolean =>
  a.accountId === b.accountId && a.status === b.status && a.amount.amount === b.amount.amount && a.amount.currency === b.amount.currency;

/**
 * The account's document with contact `out` counted out and `into` counted in; both, when given,
 * count at this account. `doc` itself when the figures do not change.
 */
export function recountContacts(doc: AccountDoc, out: ContactLink | null, into: ContactLink | null): AccountDoc {
  const contacts = (into === null ? 0 : 1) - (out === null ? 0 : 1);
  const active = (into !== null && into.status === 'ACTIVE' ? 1 : 0) - (out !== null && out.status === 'ACTIVE' ? 1 : 0);
  if (contacts === 0 && active === 0) return doc;
  const activeContactCount = doc.activeContactCount + active;
  return { ...doc, contactCount: doc.contactCount + contacts, activeContactCount, singleThreaded: activeContactCount <= 1 };
}

const amountIf = (link: OpportunityLink | null, status: OpportunityStatus): MoneyDoc | null =>
  link !== null && link.status === status ? link.amount : null;

/**
 * The account's document with opportunity `out` counted out and `into` counted in; both, when given,
 * count at this account. Lost deals count nowhere. `doc` itself when the figures do not change.
 */
export function recountOpportunities(doc: AccountDoc, out: OpportunityLink | null, into: OpportunityLink | null): AccountDoc {
  const openOut = amountIf(out, 'OPEN');
  const openIn = amountIf(into, 'OPEN');
  const openPipeline = shiftTotals(doc.openPipeline, openOut, openIn);
  const wonAmount = shiftTotals(doc.wonAmount, amountIf(out, 'WON'), amountIf(into, 'WON'));
  const openOpportunityCount = doc.openOpportunityCount + (openIn === null ? 0 : 1) - (openOut === null ? 0 : 1);
  const unchanged =
    openPipeline === doc.openPipeline && wonAmount === doc.wonAmount && openOpportunityCount === doc.openOpportunityCount;
  return unchanged ? doc : { ...doc, openOpportunityCount, openPipeline, wonAmount };
}
