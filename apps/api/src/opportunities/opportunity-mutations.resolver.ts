import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignContactRoleCommand, AssignOpportunityCommand, ChangeOpportunityStageCommand, derivedUuid, LoseOpportunityCommand,
  MoveOpportunityToPipelineCommand, OpenOpportunityCommand, ReopenOpportunityCommand, ReviseOpportunityCommand, WinOpportunityCommand, type CommandOutcome,
} from '@crm/application';
import { opportunityTimelineProjection } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { MUTATION_INPUT } from '../graphql/argument-descriptions';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import {
  AssignContactRoleInput, AssignOpportunityInput, ChangeOpportunityStageInput, LoseOpportunityInput, MoveOpportunityToPipelineInput, OpenOpportunityInput,
  OpportunityPayload, OpportunityRefInput, ReopenOpportunityInput, ReviseOpportunityInput,
} from './opportunity.inputs';
import type { OpportunityNode } from './opportunity.types';

/**
 * Opportunity writes move account figures, the pipeline and the opportunity's timeline (which the
 * pipeline through time reads), so the payload waits for those too.
 */
const ALSO = ['accounts', 'pipeline', opportunityTimelineProjection.name];

@Resolver()
@Roles(...WRITERS)
export class OpportunityMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => OpportunityPayload, {
    description:
      'Opens a deal at an account, in the default pipeline unless another is named, at its first OPEN stage unless another is given (rep, manager, admin). RULE_VIOLATION: ACCOUNT_NOT_FOUND, ALREADY_EXISTS (the id is taken), CONTACT_NOT_AT_ACCOUNT (the primary contact), PIPELINE_NOT_FOUND, PIPELINE_ARCHIVED, STAGE_NOT_IN_PIPELINE, STAGE_NOT_OPEN.',
  })
  async openOpportunity(@Args('input', { description: MUTATION_INPUT }) input: OpenOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const opportunityId = id ?? derivedUuid(context.commandId, 'opportunity');
    return this.payload(opportunityId, await this.commands.execute(new OpenOpportunityCommand({ ...data, opportunityId }, context)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      'Moves an open opportunity to another OPEN stage of its pipeline as the pipeline is now (rep, manager, admin). RULE_VIOLATION: OPPORTUNITY_CLOSED (reopen it first), STAGE_NOT_IN_PIPELINE, STAGE_NOT_OPEN (win or lose it instead).',
  })
  async changeOpportunityStage(@Args('input', { description: MUTATION_INPUT }) input: ChangeOpportunityStageInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ChangeOpportunityStageCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      "Changes an open opportunity's name, amount, currency or expected close date; no change is a no-op (rep, manager, admin). RULE_VIOLATION OPPORTUNITY_CLOSED.",
  })
  async reviseOpportunity(@Args('input', { description: MUTATION_INPUT }) input: ReviseOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ReviseOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      'Hands an open opportunity to another owner; the same owner is a no-op (rep, manager, admin). RULE_VIOLATION OPPORTUNITY_CLOSED.',
  })
  async assignOpportunity(@Args('input', { description: MUTATION_INPUT }) input: AssignOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new AssignOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      "Gives a contact of the opportunity's account a role in it, and optionally makes them the primary contact (rep, manager, admin). RULE_VIOLATION: OPPORTUNITY_CLOSED, CONTACT_NOT_AT_ACCOUNT (unknown, left, or at another account).",
  })
  async assignContactRole(@Args('input', { description: MUTATION_INPUT }) input: AssignContactRoleInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new AssignContactRoleCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      "Closes an open opportunity as won, at its pipeline's WON stage (CLOSED_WON in the default pipeline) (rep, manager, admin). RULE_VIOLATION OPPORTUNITY_CLOSED.",
  })
  async winOpportunity(@Args('input', { description: MUTATION_INPUT }) input: OpportunityRefInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new WinOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      "Closes an open opportunity as lost, with a reason, at a LOST stage of its pipeline (CLOSED_LOST in the default pipeline) (rep, manager, admin). RULE_VIOLATION: OPPORTUNITY_CLOSED, STAGE_NOT_LOST.",
  })
  async loseOpportunity(@Args('input', { description: MUTATION_INPUT }) input: LoseOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new LoseOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      'Opens a won or lost opportunity again at an OPEN stage of its pipeline, clearing its loss reason, competitor and close time (rep, manager, admin). RULE_VIOLATION: OPPORTUNITY_NOT_CLOSED (it is open), STAGE_NOT_IN_PIPELINE, STAGE_NOT_OPEN.',
  })
  async reopenOpportunity(@Args('input', { description: MUTATION_INPUT }) input: ReopenOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ReopenOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload, {
    description:
      'Takes an open opportunity into another pipeline, at one of its OPEN stages (rep, manager, admin). The same pipeline and stage is a no-op. RULE_VIOLATION: OPPORTUNITY_CLOSED, PIPELINE_NOT_FOUND, PIPELINE_ARCHIVED, STAGE_NOT_IN_PIPELINE, STAGE_NOT_OPEN.',
  })
  async moveOpportunityToPipeline(@Args('input', { description: MUTATION_INPUT }) input: MoveOpportunityToPipelineInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new MoveOpportunityToPipelineCommand(commandData(input), commandContext(request, input)));
  }

  private async run(input: OpportunityRefInput, command: Parameters<CommandBus['execute']>[0]): Promise<OpportunityPayload> {
    return this.payload(input.opportunityId, (await this.commands.execute(command)) as CommandOutcome<unknown>);
  }

  private async payload(opportunityId: string, outcome: CommandOutcome<unknown>): Promise<OpportunityPayload> {
    return this.results.payload<'opportunity', OpportunityNode>('opportunity', 'opportunities', opportunityId, outcome, ALSO);
  }
}
