import {
  Money,
  assertNever,
  type ContactRole,
  type ContactRoleAssigned,
  type LossReason,
  type MoneyJson,
  type OpportunityEvent,
  type OpportunityOpened,
  type OpportunityStage,
  type OpportunityStatus,
} from '@crm/domain';
import { moneyDoc, moneyOf, type MoneyDoc } from '../pipeline/money-doc';
import { searchText } from '../projection-helpers';

export type ContactRoleDoc = { contactId: string; role: ContactRole; primary: boolean };

/** One opportunity as lists and detail views read it. `revision` is the opportunity stream's. */
export type OpportunityDoc = {
  id: string;
  accountId: string;
  /** Denormalised; null until the account's registration has been seen. */
  accountName: string | null;
  name: string;
  amount: MoneyDoc;
  amountMinor: number;
  currency: string;
  stage: OpportunityStage;
  probability: number;
  /** amount x probability %, rounded half away from zero to minor units. */
  weightedAmount: MoneyDoc;
  status: OpportunityStatus;
  ownerId: string;
  expectedCloseDate: string;
  closeMonth: string;
  stageEnteredAt: string;
  primaryContactId: string | null;
  /** One entry per contact and role, in the order assigned; `primary` marks the primary contact's entries. */
  contactRoles: ContactRoleDoc[];
  lossReason: LossReason | null;
  competitor: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
  /** Name and account name as search words (lowercased, accents removed), for prefix search. */
  searchText: string;
};

function priced(amount: MoneyJson, probability: number) {
  const money = moneyOf(amount);
  const weighted = moneyDoc(Money.multiplyByPercent(money, probability));
  return { amount: moneyDoc(money), amountMinor: Number(money.amountMinor), currency: money.currency, weightedAmount: weighted };
}

/** Recomputes every derived field, so no event can leave them out of step. */
const derived = (doc: OpportunityDoc): OpportunityDoc => ({
  ...doc,
  ...priced(doc.amount, doc.probability),
  closeMonth: doc.expectedCloseDate.slice(0, 7),
  searchText: searchText(doc.name, doc.accountName),
});

export function openedDoc(event: OpportunityOpened, at: string, revision: number, accountName: string | null): OpportunityDoc {
  const { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, stage, probability } = event.data;
  const base = { id: opportunityId, accountId, accountName, name, ...priced(amount, probability), stage, probability };
  const status = { status: 'OPEN' as const, ownerId, expectedCloseDate, closeMonth: '', stageEnteredAt: at };
  const contacts = { primaryContactId: event.data.primaryContactId, contactRoles: [] };
  const closing = { lossReason: null, competitor: null, closedAt: null };
  return derived({ ...base, ...status, ...contacts, ...closing, createdAt: at, updatedAt: at, revision, searchText: '' });
}

function withRole(roles: readonly ContactRoleDoc[], data: ContactRoleAssigned['data']): ContactRoleDoc[] {
  const { contactId, role, primaryContactId } = data;
  const held = roles.some((entry) => entry.contactId === contactId && entry.role === role);
  const all = held ? roles : [...roles, { contactId, role, primary: false }];
  return all.map((entry) => ({ ...entry, primary: entry.contactId === primaryContactId }));
}

function closedOrReopened(doc: OpportunityDoc, event: OpportunityEvent, at: string): OpportunityDoc {
  switch (event.type) {
    case 'OpportunityWon': {
      const closed = { status: 'WON' as const, stage: 'CLOSED_WON' as const, probability: 100, closedAt: at };
      return { ...doc, ...closed, amount: moneyDoc(moneyOf(event.data.amount)) };
    }
    case 'OpportunityLost': {
      const { amount, reason, competitor } = event.data;
      const lost = { status: 'LOST' as const, stage: 'CLOSED_LOST' as const, probability: 0, lossReason: reason, competitor };
      return { ...doc, ...lost, amount: moneyDoc(moneyOf(amount)), closedAt: at };
    }
    case 'OpportunityReopened': {
      const { to, probability, amount } = event.data;
      const open = { status: 'OPEN' as const, stage: to, probability, lossReason: null, competitor: null, closedAt: null };
      return { ...doc, ...open, amount: moneyDoc(moneyOf(amount)) };
    }
    default:
      return doc;
  }
}

function changed(doc: OpportunityDoc, event: OpportunityEvent, at: string): OpportunityDoc {
  switch (event.type) {
    case 'OpportunityOpened':
      return doc;
    case 'OpportunityStageChanged':
      return { ...doc, stage: event.data.to, probability: event.data.probability, stageEnteredAt: at };
    case 'OpportunityRevised': {
      const { amount, ...rest } = event.data.changes;
      return { ...doc, ...rest, ...(amount === undefined ? {} : { amount: moneyDoc(moneyOf(amount)) }) };
    }
    case 'OpportunityAssigned':
      return { ...doc, ownerId: event.data.ownerId };
    case 'ContactRoleAssigned':
      return { ...doc, contactRoles: withRole(doc.contactRoles, event.data), primaryContactId: event.data.primaryContactId };
    case 'OpportunityWon':
    case 'OpportunityLost':
    case 'OpportunityReopened':
      return { ...closedOrReopened(doc, event, at), stageEnteredAt: at };
    default:
      return assertNever(event);
  }
}

export const evolveOpportunityDoc = (doc: OpportunityDoc, event: OpportunityEvent, at: string, revision: number): OpportunityDoc =>
  derived({ ...changed(doc, event, at), updatedAt: at, revision });

export const renamedAccount = (doc: OpportunityDoc, accountName: string): OpportunityDoc =>
  derived({ ...doc, accountName });
