import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type ChangeOpportunityStage, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class ChangeOpportunityStageCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: ChangeOpportunityStage['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeOpportunityStageCommand)
export class ChangeOpportunityStageHandler implements ICommandHandler<ChangeOpportunityStageCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: ChangeOpportunityStageCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      (metadata): ChangeOpportunityStage => ({ type: 'ChangeOpportunityStage', data, metadata }),
      context,
      data,
    );
  }
}
