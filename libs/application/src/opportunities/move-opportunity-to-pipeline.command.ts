import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type MoveOpportunityToPipeline, type OpportunityState } from '@crm/domain';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
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
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: MoveOpportunityToPipelineCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.revisions.place(data.opportunityId, context, data, async (metadata, state) => {
      const decidedWith = await this.facts.pipelineAt(data.pipelineId);
      const currentPipeline = (await pipelineOfOpportunity(this.facts, state))?.definition ?? null;
      return { command: { type: 'MoveOpportunityToPipeline', data: { ...data, pipeline: decidedWith.definition, currentPipeline }, metadata }, decidedWith };
    });
  }
}
