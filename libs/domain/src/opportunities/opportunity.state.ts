import { assertNever } from '../shared/assert-never';
import { Money } from '../shared/money';
import type { OpportunityEvent } from './opportunity.events';
import type { ContactRole, LossReason } from './stages';

export type OpportunityCore = {
  opportunityId: string;
  accountId: string;
  name: string;
  amount: Money;
  expectedCloseDate: string;
  ownerId: string;
  pipelineId: string;
  /** Roles per contact id; a contact may hold several roles. */
  contactRoles: Readonly<Record<string, readonly ContactRole[]>>;
  primaryContactId: string | null;
};

export type UnknownOpportunity = { status: 'Unknown' };
/** `stage` is a stage key of the opportunity's pipeline: an OPEN one while open, its WON or a LOST one once closed. */
export type OpenOpportunityState = OpportunityCore & { status: 'OPEN'; stage: string };
export type WonOpportunity = OpportunityCore & { status: 'WON'; stage: string; closedFromStage: string };
export type LostOpportunity = OpportunityCore & {
  status: 'LOST';
  stage: string;
  closedFromStage: string;
  lossReason: LossReason;
  competitor: string | null;
};
export type OpportunityState = UnknownOpportunity | OpenOpportunityState | WonOpportunity | LostOpportunity;
export type ExistingOpportunity = Exclude<OpportunityState, UnknownOpportunity>;

export const initialOpportunityState = (): OpportunityState => ({ status: 'Unknown' });

function coreOf(state: ExistingOpportunity): OpportunityCore {
  const { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, pipelineId, contactRoles, primaryContactId } = state;
  return { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, pipelineId, contactRoles, primaryContactId };
}

function opened(data: Extract<OpportunityEvent, { type: 'OpportunityOpened' }>['data']): OpenOpportunityState {
  const { opportunityId, accountId, name, expectedCloseDate, ownerId, pipelineId, stage, primaryContactId } = data;
  const contactRoles = primaryContactId === null ? {} : { [primaryContactId]: [] };
  const amount = Money.fromJson(data.amount);
  const core = { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, pipelineId, contactRoles, primaryContactId };
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
      return { ...coreOf(state), status: 'WON', stage: event.data.stage, closedFromStage: event.data.fromStage };
    case 'OpportunityLost': {
      const { fromStage, reason, competitor } = event.data;
      const closed = { closedFromStage: fromStage, lossReason: reason, competitor };
      return { ...coreOf(state), status: 'LOST', stage: event.data.stage, ...closed };
    }
    case 'OpportunityReopened':
      return { ...coreOf(state), status: 'OPEN', stage: event.data.to };
    case 'OpportunityMovedToPipeline':
      return { ...coreOf(state), pipelineId: event.data.toPipelineId, status: 'OPEN', stage: event.data.to };
    default:
      return assertNever(event);
  }
}

export function evolveOpportunity(state: OpportunityState, event: OpportunityEvent): OpportunityState {
  if (event.type === 'OpportunityOpened') return opened(event.data);
  return state.status === 'Unknown' ? state : evolveExisting(state, event);
}
