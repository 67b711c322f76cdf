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
import { firstStageOf, openStageIn, requireActivePipeline } from './opportunity.pipeline';
import { requireContactAtAccount, requireOpen, requireOpportunity } from './opportunity.rules';
import { changeStage, moveToPipeline } from './opportunity.stage-changes';
import {
  evolveOpportunity,
  initialOpportunityState,
  type ExistingOpportunity,
  type OpportunityState,
} from './opportunity.state';
import { CONTACT_ROLES } from './stages';

function open(state: OpportunityState, data: OpenOpportunity['data'], metadata: CommandMetadata): OpportunityEvent[] {
  if (state.status !== 'Unknown') {
    throw new RuleViolation('ALREADY_EXISTS', `Opportunity ${state.opportunityId} already exists`);
  }
  const { opportunityId, accountId, name, amount, expectedCloseDate, ownerId, pipelineId, primaryContactId, ...parsed } =
    parseOpenOpportunity(data, metadata.actor);
  const pipeline = requireActivePipeline(pipelineId, data.pipeline);
  const stage = parsed.stage === null ? firstStageOf(pipeline, 'OPEN') : openStageIn(pipeline, parsed.stage);
  if (!data.accountExists) throw new RuleViolation('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist`);
  if (primaryContactId !== null) requireContactAtAccount(primaryContactId, data.primaryContactAccountId, accountId);
  const opened = {
    opportunityId,
    accountId,
    name,
    amount: Money.toJson(amount),
    expectedCloseDate,
    ownerId,
    pipelineId,
    stage: stage.key,
    probability: stage.probability,
    primaryContactId,
  };
  return [{ type: 'OpportunityOpened', data: opened }];
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
      return changeStage(opportunity, command.data);
    case 'ReviseOpportunity':
      return revise(opportunity, command.data);
    case 'AssignOpportunity':
      return assign(opportunity, command.data.ownerId);
    case 'AssignContactRole':
      return assignContactRole(opportunity, command.data);
    case 'WinOpportunity':
      return win(opportunity, command.data);
    case 'LoseOpportunity':
      return lose(opportunity, command.data);
    case 'ReopenOpportunity':
      return reopen(opportunity, command.data);
    case 'MoveOpportunityToPipeline':
      return moveToPipeline(opportunity, command.data);
    default:
      return assertNever(command);
  }
}

export const opportunityDecider: Decider<OpportunityCommand, OpportunityEvent, OpportunityState> = {
  decide: decideOpportunity,
  evolve: evolveOpportunity,
  initialState: initialOpportunityState,
};
