import { assertNever } from '../shared/assert-never';
import { Money } from '../shared/money';
import type { OpportunityEvent } from './opportunity.events';
import type { ContactRole, LossReason, OpenStage } from './stages';

export type OpportunityCore = {
  opportunityId: string;
  accountId: string;
  name: string;
  amount: Money;
  expectedCloseDate: string;
  ownerId: string;
  /** Roles per contact id; a contact may hold several roles. */
  contactRoles: Readonly<Record<string, readonly ContactRole[]>>;
  primaryContactId: string | null;
};

export type UnknownOpportunity = { status: 'Unknown' };
export type OpenOpportunityState = OpportunityCore & { status: 'OPEN'; stage: OpenStage };
export type WonOpportunity = OpportunityCore & { status: 'WON'; stage: 'CLOSED_WON'; closedFromStage: OpenStage };
export type LostOpportunity = OpportunityCore & {
  status: 'LOST';
  stage: 'CLOSED_LOST';
  closedFromStage: OpenStage;
  lossReason: LossReason;
  competitor: string | null;
};
export type OpportunityState = UnknownOpportunity | OpenOpportunityState | WonOpportunity | LostOpportunity;
export type ExistingOpportunity = Exclude<OpportunityState, UnknownOpportunity>;

export const initialOpportunityState = (): OpportunityState => ({ status: 'Unknown' });

function coreOf(state: ExistingOpportunity): OpportunityCore {
  const { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, contactRoles, primaryContactId } = state;
  return { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, contactRoles, primaryContactId };
}

function opened(data: Extract<OpportunityEvent, { type: 'OpportunityOpened' }>['data']): OpenOpportunityState {
  const { opportunityId, accountId, name, expectedCloseDate, ownerId, stage, primaryContactId } = data;
  const contactRoles = primaryContactId === null ? {} : { [primaryContactId]: [] };
  const amount = Money.fromJson(data.amount);
  const core = { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, contactRoles, primaryContactId };
  return { ...core, status: 'OPEN', stage };
}

function evolveExisting(state: ExistingOpportunity, event: OpportunityEvent): OpportunityState {
  switch (event.type) {
    case 'OpportunityOpened':
      return state;
    case 'OpportunityStageChanged':
      return { ...coreOf(state), status: 'OPEN', stage: event.data.to };
    case 'OpportunityRevised': {
      const { amount, ...rest } = event.data.changes;
      return { ...state, ...rest, ...(amount === undefined ? {} : { amount: Money.fromJson(amount) }) };
    }
    case 'OpportunityAssigned':
      return { ...state, ownerId: event.data.ownerId };
    case 'ContactRoleAssigned': {
      const { contactId, role, primaryContactId } = event.data;
      const held = state.contactRoles[contactId] ?? [];
      const roles = held.includes(role) ? held : [...held, role];
      return { ...state, contactRoles: { ...state.contactRoles, [contactId]: roles }, primaryContactId };
    }
    case 'OpportunityWon':
      return { ...coreOf(state), status: 'WON', stage: 'CLOSED_WON', closedFromStage: event.data.fromStage };
    case 'OpportunityLost': {
      const { fromStage, reason, competitor } = event.data;
      const closed = { closedFromStage: fromStage, lossReason: reason, competitor };
      return { ...coreOf(state), status: 'LOST', stage: 'CLOSED_LOST', ...closed };
    }
    case 'OpportunityReopened':
      return { ...coreOf(state), status: 'OPEN', stage: event.data.to };
    default:
      return assertNever(event);
  }
}

export function evolveOpportunity(state: OpportunityState, event: OpportunityEvent): OpportunityState {
  if (event.type === 'OpportunityOpened') return opened(event.data);
  return state.status === 'Unknown' ? state : evolveExisting(state, event);
}
