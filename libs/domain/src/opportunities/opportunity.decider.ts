import { assertNever } from '../shared/assert-never';
import type { CommandMetadata, Decider } from '../shared/decider';
import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { EntityId, UserId } from '../shared/ids';
import { Money } from '../shared/money';
import type { AssignContactRole, OpenOpportunity, OpportunityCommand, ReviseOpportunity } from './opportunity.commands';
import { lose, reopen, win } from './opportunity.closing';
import type { OpportunityEvent } from './opportunity.events';
import { parseOpenOpportunity, parseRevision, revisionChanges } from './opportunity.inputs';
import { parseOpenStage, requireContactAtAccount, requireOpen, requireOpportunity } from './opportunity.rules';
import {
  evolveOpportunity,
  initialOpportunityState,
  type ExistingOpportunity,
  type OpportunityState,
} from './opportunity.state';
import { DEFAULT_PIPELINE_ID } from '../pipelines/pipeline.definition';
import { CONTACT_ROLES, stageProbability } from './stages';

function open(state: OpportunityState, data: OpenOpportunity['data'], metadata: CommandMetadata): OpportunityEvent[] {
  if (state.status !== 'Unknown') {
    throw new RuleViolation('ALREADY_EXISTS', `Opportunity ${state.opportunityId} already exists`);
  }
  const parsed = parseOpenOpportunity(data, metadata.actor);
  if (!data.accountExists) throw new RuleViolation('ACCOUNT_NOT_FOUND', `Account ${parsed.accountId} does not exist`);
  if (parsed.primaryContactId !== null) {
    requireContactAtAccount(parsed.primaryContactId, data.primaryContactAccountId, parsed.accountId);
  }
  const opened = {
    ...parsed,
    amount: Money.toJson(parsed.amount),
    pipelineId: DEFAULT_PIPELINE_ID,
    probability: stageProbability(parsed.stage),
  };
  return [{ type: 'OpportunityOpened', data: opened }];
}

function changeStage(opportunity: ExistingOpportunity, rawStage: unknown): OpportunityEvent[] {
  const current = requireOpen(opportunity);
  const to = parseOpenStage(rawStage);
  if (to === current.stage) return [];
  const { opportunityId, accountId, stage: from } = current;
  const probabilities = { probability: stageProbability(to), previousProbability: stageProbability(from) };
  return [{ type: 'OpportunityStageChanged', data: { opportunityId, accountId, from, to, ...probabilities } }];
}

function revise(opportunity: ExistingOpportunity, data: ReviseOpportunity['data']): OpportunityEvent[] {
  const current = requireOpen(opportunity);
  const changes = revisionChanges(current, parseRevision(data, current.amount.currency));
  if (Object.keys(changes).length === 0) return [];
  const { opportunityId, accountId } = current;
  return [{ type: 'OpportunityRevised', data: { opportunityId, accountId, changes } }];
}

function assign(opportunity: ExistingOpportunity, rawOwnerId: string): OpportunityEvent[] {
  const current = requireOpen(opportunity);
  const ownerId = UserId.parse(rawOwnerId, 'ownerId');
  if (ownerId === current.ownerId) return [];
  const { opportunityId, accountId, ownerId: previousOwnerId } = current;
  return [{ type: 'OpportunityAssigned', data: { opportunityId, accountId, ownerId, previousOwnerId } }];
}

/** Many roles per contact; at most one primary contact, and a new primary takes over from the previous one. */
function assignContactRole(opportunity: ExistingOpportunity, data: AssignContactRole['data']): OpportunityEvent[] {
  const current = requireOpen(opportunity);
  const contactId = EntityId.parse(data.contactId, 'contactId');
  const role = parseEnum(CONTACT_ROLES, data.role, 'role');
  requireContactAtAccount(contactId, data.contactAccountId, current.accountId);
  const previousPrimaryContactId = current.primaryContactId;
  const primaryContactId = data.primary ? contactId : previousPrimaryContactId;
  const hasRole = (current.contactRoles[contactId] ?? []).includes(role);
  if (hasRole && primaryContactId === previousPrimaryContactId) return [];
  const { opportunityId, accountId } = current;
  const primary = primaryContactId === contactId;
  return [
    {
      type: 'ContactRoleAssigned',
      data: { opportunityId, accountId, contactId, role, primary, primaryContactId, previousPrimaryContactId },
    },
  ];
}

export function decideOpportunity(command: OpportunityCommand, state: OpportunityState): OpportunityEvent[] {
  if (command.type === 'OpenOpportunity') return open(state, command.data, command.metadata);
  const opportunity = requireOpportunity(state, command.data.opportunityId);
  switch (command.type) {
    case 'ChangeOpportunityStage':
      return changeStage(opportunity, command.data.stage);
    case 'ReviseOpportunity':
      return revise(opportunity, command.data);
    case 'AssignOpportunity':
      return assign(opportunity, command.data.ownerId);
    case 'AssignContactRole':
      return assignContactRole(opportunity, command.data);
    case 'WinOpportunity':
      return win(opportunity);
    case 'LoseOpportunity':
      return lose(opportunity, command.data);
    case 'ReopenOpportunity':
      return reopen(opportunity, command.data);
    default:
      return assertNever(command);
  }
}

export const opportunityDecider: Decider<OpportunityCommand, OpportunityEvent, OpportunityState> = {
  decide: decideOpportunity,
  evolve: evolveOpportunity,
  initialState: initialOpportunityState,
};
