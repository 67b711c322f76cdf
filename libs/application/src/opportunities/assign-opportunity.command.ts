import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type AssignOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class AssignOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: AssignOpportunity['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AssignOpportunityCommand)
export class AssignOpportunityHandler implements ICommandHandler<AssignOpportunityCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: AssignOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): AssignOpportunity => ({ type: 'AssignOpportunity', data, metadata }),
      context,
      data,
    );
  }
}
