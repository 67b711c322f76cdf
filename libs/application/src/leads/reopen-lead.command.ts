import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type ReopenLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class ReopenLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: ReopenLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReopenLeadCommand)
export class ReopenLeadHandler implements ICommandHandler<ReopenLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: ReopenLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): ReopenLead => ({ type: 'ReopenLead', data, metadata }),
      context,
      data,
    );
  }
}
