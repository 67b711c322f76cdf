import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type ReopenOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class ReopenOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: ReopenOpportunity['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReopenOpportunityCommand)
export class ReopenOpportunityHandler implements ICommandHandler<ReopenOpportunityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: ReopenOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): ReopenOpportunity => ({ type: 'ReopenOpportunity', data, metadata }),
      context,
      data,
    );
  }
}
