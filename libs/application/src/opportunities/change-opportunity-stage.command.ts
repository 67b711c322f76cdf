import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type ChangeOpportunityStage, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts, type PipelineFactAt } from '../core/stream-facts';
import { RevisionMoves } from '../pipelines/revision-moves';
import { pipelineOfOpportunity } from './opportunity-pipeline';

export class ChangeOpportunityStageCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<ChangeOpportunityStage['data'], 'pipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** To an OPEN stage of the opportunity's pipeline as it is now; see RevisionMoves.afterStageWrite. */
@CommandHandler(ChangeOpportunityStageCommand)
export class ChangeOpportunityStageHandler implements ICommandHandler<ChangeOpportunityStageCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: ChangeOpportunityStageCommand): Promise<CommandOutcome<OpportunityState>> {
    const decided: { with: PipelineFactAt | null } = { with: null };
    const outcome = await this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata, state): Promise<ChangeOpportunityStage> => {
        decided.with = await pipelineOfOpportunity(this.facts, state);
        return { type: 'ChangeOpportunityStage', data: { ...data, pipeline: decided.with?.definition ?? null }, metadata };
      },
      context,
      data,
    );
    if (outcome.appended > 0 && decided.with) await this.revisions.afterStageWrite(data.opportunityId, decided.with);
    return outcome;
  }
}
