import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type StartWorkingLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class StartWorkingLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: StartWorkingLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(StartWorkingLeadCommand)
export class StartWorkingLeadHandler implements ICommandHandler<StartWorkingLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: StartWorkingLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): StartWorkingLead => ({ type: 'StartWorkingLead', data, metadata }),
      context,
      data,
    );
  }
}
