import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type ReviseOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class ReviseOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: ReviseOpportunity['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReviseOpportunityCommand)
export class ReviseOpportunityHandler implements ICommandHandler<ReviseOpportunityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: ReviseOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): ReviseOpportunity => ({ type: 'ReviseOpportunity', data, metadata }),
      context,
      data,
    );
  }
}
