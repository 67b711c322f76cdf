import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ChangeOpportunityStage, type OpportunityState } from '@crm/domain';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
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
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: ChangeOpportunityStageCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.revisions.place(data.opportunityId, context, data, async (metadata, state) => {
      const decidedWith = await pipelineOfOpportunity(this.facts, state);
      return { command: { type: 'ChangeOpportunityStage', data: { ...data, pipeline: decidedWith?.definition ?? null }, metadata }, decidedWith };
    });
  }
}
