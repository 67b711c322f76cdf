import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type ReopenOpportunity, type OpportunityState } from '@crm/domain';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
import { RevisionMoves } from '../pipelines/revision-moves';
import { pipelineOfOpportunity } from './opportunity-pipeline';

export class ReopenOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<ReopenOpportunity['data'], 'pipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** At an OPEN stage of the opportunity's pipeline as it is now; see RevisionMoves.afterStageWrite. */
@CommandHandler(ReopenOpportunityCommand)
export class ReopenOpportunityHandler implements ICommandHandler<ReopenOpportunityCommand> {
  constructor(
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: ReopenOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.revisions.place(data.opportunityId, context, data, async (metadata, state) => {
      const decidedWith = await pipelineOfOpportunity(this.facts, state);
      return { command: { type: 'ReopenOpportunity', data: { ...data, pipeline: decidedWith?.definition ?? null }, metadata }, decidedWith };
    });
  }
}
