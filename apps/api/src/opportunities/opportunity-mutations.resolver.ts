import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignContactRoleCommand, AssignOpportunityCommand, ChangeOpportunityStageCommand, deterministicUuid, LoseOpportunityCommand,
  OpenOpportunityCommand, ReopenOpportunityCommand, ReviseOpportunityCommand, WinOpportunityCommand, type CommandOutcome,
} from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles, WRITERS } from '../auth/roles.decorator';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import {
  AssignContactRoleInput, AssignOpportunityInput, ChangeOpportunityStageInput, LoseOpportunityInput, OpenOpportunityInput,
  OpportunityPayload, OpportunityRefInput, ReopenOpportunityInput, ReviseOpportunityInput,
} from './opportunity.inputs';
import type { OpportunityNode } from './opportunity.types';

/** Opportunity writes move account figures and the pipeline, so the payload waits for those too. */
const ALSO = ['accounts', 'pipeline'];

@Resolver()
@Roles(...WRITERS)
export class OpportunityMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => OpportunityPayload)
  async openOpportunity(@Args('input') input: OpenOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const opportunityId = id ?? deterministicUuid(context.commandId, 'opportunity');
    return this.payload(opportunityId, await this.commands.execute(new OpenOpportunityCommand({ ...data, opportunityId }, context)));
  }

  @Mutation(() => OpportunityPayload)
  async changeOpportunityStage(@Args('input') input: ChangeOpportunityStageInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ChangeOpportunityStageCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async reviseOpportunity(@Args('input') input: ReviseOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ReviseOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async assignOpportunity(@Args('input') input: AssignOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new AssignOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async assignContactRole(@Args('input') input: AssignContactRoleInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new AssignContactRoleCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async winOpportunity(@Args('input') input: OpportunityRefInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new WinOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async loseOpportunity(@Args('input') input: LoseOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new LoseOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  @Mutation(() => OpportunityPayload)
  async reopenOpportunity(@Args('input') input: ReopenOpportunityInput, @Context() request: RequestContext): Promise<OpportunityPayload> {
    return this.run(input, new ReopenOpportunityCommand(commandData(input), commandContext(request, input)));
  }

  private async run(input: OpportunityRefInput, command: Parameters<CommandBus['execute']>[0]): Promise<OpportunityPayload> {
    return this.payload(input.opportunityId, (await this.commands.execute(command)) as CommandOutcome<unknown>);
  }

  private async payload(opportunityId: string, outcome: CommandOutcome<unknown>): Promise<OpportunityPayload> {
    const { node, revision, position, replayed } = await this.results.read<OpportunityNode>('opportunities', opportunityId, outcome, ALSO);
    return { opportunity: node, revision, position, replayed };
  }
}
