import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type DisqualifyLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class DisqualifyLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: DisqualifyLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(DisqualifyLeadCommand)
export class DisqualifyLeadHandler implements ICommandHandler<DisqualifyLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: DisqualifyLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): DisqualifyLead => ({ type: 'DisqualifyLead', data, metadata }),
      context,
      data,
    );
  }
}
