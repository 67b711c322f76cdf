import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type MoveOpportunityToPipeline, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts, type PipelineFactAt } from '../core/stream-facts';
import { RevisionMoves } from '../pipelines/revision-moves';
import { pipelineOfOpportunity } from './opportunity-pipeline';

export class MoveOpportunityToPipelineCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<MoveOpportunityToPipeline['data'], 'pipeline' | 'currentPipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Both pipelines are read from their streams: the one asked for, and the opportunity's own. */
@CommandHandler(MoveOpportunityToPipelineCommand)
export class MoveOpportunityToPipelineHandler implements ICommandHandler<MoveOpportunityToPipelineCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: MoveOpportunityToPipelineCommand): Promise<CommandOutcome<OpportunityState>> {
    const decided: { with: PipelineFactAt | null } = { with: null };
    const outcome = await this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata, state): Promise<MoveOpportunityToPipeline> => {
        decided.with = await this.facts.pipelineAt(data.pipelineId);
        const currentPipeline = (await pipelineOfOpportunity(this.facts, state))?.definition ?? null;
        return { type: 'MoveOpportunityToPipeline', data: { ...data, pipeline: decided.with.definition, currentPipeline }, metadata };
      },
      context,
      data,
    );
    if (outcome.appended > 0 && decided.with) await this.revisions.afterStageWrite(data.opportunityId, decided.with);
    return outcome;
  }
}
