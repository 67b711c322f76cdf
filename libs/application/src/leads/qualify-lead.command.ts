import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type QualifyLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class QualifyLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: QualifyLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(QualifyLeadCommand)
export class QualifyLeadHandler implements ICommandHandler<QualifyLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: QualifyLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): QualifyLead => ({ type: 'QualifyLead', data, metadata }),
      context,
      data,
    );
  }
}
