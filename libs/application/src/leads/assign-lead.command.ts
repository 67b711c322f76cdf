import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type AssignLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class AssignLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: AssignLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AssignLeadCommand)
export class AssignLeadHandler implements ICommandHandler<AssignLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: AssignLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): AssignLead => ({ type: 'AssignLead', data, metadata }),
      context,
      data,
    );
  }
}
