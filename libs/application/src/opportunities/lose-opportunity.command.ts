import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type LoseOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class LoseOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: LoseOpportunity['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(LoseOpportunityCommand)
export class LoseOpportunityHandler implements ICommandHandler<LoseOpportunityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: LoseOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): LoseOpportunity => ({ type: 'LoseOpportunity', data, metadata }),
      context,
      data,
    );
  }
}
