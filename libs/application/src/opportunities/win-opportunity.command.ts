import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type WinOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class WinOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: WinOpportunity['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(WinOpportunityCommand)
export class WinOpportunityHandler implements ICommandHandler<WinOpportunityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: WinOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): WinOpportunity => ({ type: 'WinOpportunity', data, metadata }),
      context,
      data,
    );
  }
}
