import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { ArchivePipelineCommand, DefinePipelineCommand, derivedUuid, RevisePipelineCommand, type CommandOutcome, type RevisePipelineOutcome } from '@crm/application';
import { opportunityTimelineProjection, PIPELINE_DEFINITIONS, type PipelineDefinitionDoc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { MANAGERS, Roles } from '../auth/roles.decorator';
import { MUTATION_INPUT } from '../graphql/argument-descriptions';
import { commandContext, commandData } from '../shared/command-context.factory';
import { MutationResults } from '../shared/mutation-results';
import { definitionNode } from './pipeline-definition.resolver';
import { ArchivePipelineInput, DefinePipelineInput, PipelinePayload, RevisePipelineInput } from './pipeline-definition.inputs';

/** A revision moves opportunities, so its payload waits for the opportunity read models too. */
const REVISION_ALSO = ['opportunities', 'pipeline', opportunityTimelineProjection.name];

/** The later of two log positions: the revision's moves come after it, and the answer waits for them too. */
const lastOf = (a: bigint | null, b: bigint | null): bigint | null => (a === null ? b : b === null || a > b ? a : b);

@Resolver()
@Roles(...MANAGERS)
export class PipelineMutationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly results: MutationResults,
  ) {}

  @Mutation(() => PipelinePayload, {
    description:
      'Defines a new pipeline with its stages (manager, admin). RULE_VIOLATION: ALREADY_EXISTS (the id is taken), NO_OPEN_STAGE, WON_STAGE_COUNT, NO_LOST_STAGE; a key used twice is BAD_USER_INPUT on `stages[i].key`.',
  })
  async definePipeline(@Args('input', { description: MUTATION_INPUT }) input: DefinePipelineInput, @Context() request: RequestContext): Promise<PipelinePayload> {
    const context = commandContext(request, input);
    const { id, ...data } = commandData(input);
    const pipelineId = id ?? derivedUuid(context.commandId, 'pipeline');
    return this.payload(pipelineId, await this.commands.execute(new DefinePipelineCommand({ ...data, pipelineId }, context)));
  }

  @Mutation(() => PipelinePayload, {
    description:
      'Replaces a pipeline\'s name and stage list; the open opportunities of each removed stage move as `moves` says, each by an ordinary stage change (manager, admin). ' +
      'A probability changed here re-weights its stage\'s amounts at once. RULE_VIOLATION: PIPELINE_ARCHIVED, MOVE_REQUIRED, STAGE_KIND_CHANGED, CLOSING_STAGE_REMOVED, and those of definePipeline.',
  })
  async revisePipeline(@Args('input', { description: MUTATION_INPUT }) input: RevisePipelineInput, @Context() request: RequestContext): Promise<PipelinePayload> {
    const outcome: RevisePipelineOutcome = await this.commands.execute(new RevisePipelineCommand(commandData(input), commandContext(request, input)));
    return this.payload(input.pipelineId, { ...outcome, position: lastOf(outcome.position, outcome.moves.lastPosition) }, REVISION_ALSO);
  }

  @Mutation(() => PipelinePayload, {
    description:
      'Archives a pipeline: it takes no new opportunities (RULE_VIOLATION PIPELINE_ARCHIVED), its open ones stay; archiving again is a no-op (manager, admin). RULE_VIOLATION DEFAULT_PIPELINE_ARCHIVED.',
  })
  async archivePipeline(@Args('input', { description: MUTATION_INPUT }) input: ArchivePipelineInput, @Context() request: RequestContext): Promise<PipelinePayload> {
    return this.payload(input.pipelineId, await this.commands.execute(new ArchivePipelineCommand(commandData(input), commandContext(request, input))));
  }

  private async payload(pipelineId: string, outcome: CommandOutcome<unknown>, also: string[] = []): Promise<PipelinePayload> {
    const { node, revision, position, replayed } = await this.results.read<PipelineDefinitionDoc>(PIPELINE_DEFINITIONS, pipelineId, outcome, also);
    return { pipeline: node === null ? null : definitionNode(node), revision, position, replayed };
  }
}
