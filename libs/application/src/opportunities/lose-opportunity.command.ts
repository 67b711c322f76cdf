import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type LoseOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
import { pipelineOfOpportunity } from './opportunity-pipeline';

export class LoseOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<LoseOpportunity['data'], 'pipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** To a LOST stage of the opportunity's pipeline as it is now (the one asked for, else its first). */
@CommandHandler(LoseOpportunityCommand)
export class LoseOpportunityHandler implements ICommandHandler<LoseOpportunityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: LoseOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata, state): Promise<LoseOpportunity> => {
        const pipeline = (await pipelineOfOpportunity(this.facts, state))?.definition ?? null;
        return { type: 'LoseOpportunity', data: { ...data, pipeline }, metadata };
      },
      context,
      data,
    );
  }
}
