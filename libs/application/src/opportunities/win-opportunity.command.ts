import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type WinOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
import { pipelineOfOpportunity } from './opportunity-pipeline';

export class WinOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<WinOpportunity['data'], 'pipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** To the WON stage of the opportunity's pipeline as it is now. */
@CommandHandler(WinOpportunityCommand)
export class WinOpportunityHandler implements ICommandHandler<WinOpportunityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: WinOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata, state): Promise<WinOpportunity> => {
        const pipeline = (await pipelineOfOpportunity(this.facts, state))?.definition ?? null;
        return { type: 'WinOpportunity', data: { ...data, pipeline }, metadata };
      },
      context,
      data,
    );
  }
}
