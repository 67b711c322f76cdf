import {
  assertNever,
  type ContactRole,
  type ContactRoleAssigned,
  type LossReason,
  type OpportunityEvent,
  type OpportunityOpened,
  type OpportunityStatus,
} from '@crm/domain';
import { amountDoc, amountKey, type MoneyDoc } from '../money';

export type ContactRoleDoc = { contactId: string; role: ContactRole; primary: boolean };

/**
 * One opportunity as lists and detail views read it. `revision` is the opportunity stream's. What
 * its stage means (name, probability, forecast category, weighted amount) is not stored: a revision
 * of the pipeline changes it for every opportunity at once; `stagePricing` computes it from the
 * pipeline's definition.
 */
export type OpportunityDoc = {
  id: string;
  accountId: string;
  /** Denormalised; null until the account's registration has been seen. */
  accountName: string | null;
  name: string;
  amount: MoneyDoc;
  /** The amount as a string whose text order is its numeric order (amount-key.ts): what lists sort and filter on. */
  amountKey: string;
  currency: string;
  pipelineId: string;
  /** A stage key of the opportunity's pipeline. */
  stage: string;
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
};

/** The later events of an opportunity: it is opened once. */
export type OpportunityChange = Exclude<OpportunityEvent, OpportunityOpened>;

type Priced = Pick<OpportunityDoc, 'amount' | 'amountKey' | 'currency'>;

/** The fields an amount decides; they change only with it. */
const priced = (amount: MoneyDoc): Priced => ({ amount, amountKey: amountKey(amount.amount), currency: amount.currency });

export function openedDoc(event: OpportunityOpened, at: string, revision: number, accountName: string | null): OpportunityDoc {
  const { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, pipelineId, stage, primaryContactId } = event.data;
  return {
    id: opportunityId,
    accountId,
    accountName,
    name,
    ...priced(amountDoc(amount, null)),
    pipelineId,
    stage,
    status: 'OPEN',
    ownerId,
    expectedCloseDate,
    closeMonth: expectedCloseDate.slice(0, 7),
    stageEnteredAt: at,
    primaryContactId,
    contactRoles: [],
    lossReason: null,
    competitor: null,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
    revision,
  };
}

function withRole(roles: readonly ContactRoleDoc[], data: ContactRoleAssigned['data']): ContactRoleDoc[] {
  const { contactId, role, primaryContactId } = data;
  const held = roles.some((entry) => entry.contactId === contactId && entry.role === role);
  const all = held ? roles : [...roles, { contactId, role, primary: false }];
  return all.map((entry) => ({ ...entry, primary: entry.contactId === primaryContactId }));
}

/** A revision may change any of name, amount and close date: every field derived from them is recomputed. */
function revised(doc: OpportunityDoc, changes: Extract<OpportunityChange, { type: 'OpportunityRevised' }>['data']['changes'], at: string, revision: number): OpportunityDoc {
  const { amount, ...rest } = changes;
  const next = { ...doc, ...rest, updatedAt: at, revision };
  const stored = amount === undefined ? next.amount : amountDoc(amount, next.amount);
  return {
    ...next,
    ...priced(stored),
    closeMonth: next.expectedCloseDate.slice(0, 7),
  };
}

/**
 * The document after `event`. Each case sets exactly the fields the event decides and those derived
 * from them (the amount's key and currency); the others are copied unchanged.
 */
export function evolveOpportunityDoc(doc: OpportunityDoc, event: OpportunityChange, at: string, revision: number): OpportunityDoc {
  switch (event.type) {
    case 'OpportunityStageChanged': {
      return { ...doc, stage: event.data.to, stageEnteredAt: at, updatedAt: at, revision };
    }
    case 'OpportunityRevised':
      return revised(doc, event.data.changes, at, revision);
    case 'OpportunityAssigned':
      return { ...doc, ownerId: event.data.ownerId, updatedAt: at, revision };
    case 'ContactRoleAssigned': {
      const contactRoles = withRole(doc.contactRoles, event.data);
      return { ...doc, primaryContactId: event.data.primaryContactId, contactRoles, updatedAt: at, revision };
    }
    case 'OpportunityWon': {
      const closed = { status: 'WON' as const, stage: event.data.stage, closedAt: at };
      return { ...doc, ...closed, ...priced(amountDoc(event.data.amount, doc.amount)), stageEnteredAt: at, updatedAt: at, revision };
    }
    case 'OpportunityLost': {
      const { amount, reason, competitor } = event.data;
      const lost = { status: 'LOST' as const, stage: event.data.stage, lossReason: reason, competitor, closedAt: at };
      return { ...doc, ...lost, ...priced(amountDoc(amount, doc.amount)), stageEnteredAt: at, updatedAt: at, revision };
    }
    case 'OpportunityReopened': {
      const { to, amount } = event.data;
      const open = { status: 'OPEN' as const, stage: to, lossReason: null, competitor: null, closedAt: null };
      return { ...doc, ...open, ...priced(amountDoc(amount, doc.amount)), stageEnteredAt: at, updatedAt: at, revision };
    }
    case 'OpportunityMovedToPipeline': {
      return { ...doc, pipelineId: event.data.toPipelineId, stage: event.data.to, stageEnteredAt: at, updatedAt: at, revision };
    }
    default:
      return assertNever(event);
  }
}

/** A rename is not an event of the opportunity: its `updatedAt` and `revision` stay. */
export const renamedAccount = (doc: OpportunityDoc, accountName: string): OpportunityDoc => ({ ...doc, accountName });
