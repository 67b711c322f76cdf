import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type CaptureLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class CaptureLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: CaptureLead['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CaptureLeadCommand)
export class CaptureLeadHandler implements ICommandHandler<CaptureLeadCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: CaptureLeadCommand): Promise<CommandOutcome<LeadState>> {
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): CaptureLead => ({ type: 'CaptureLead', data, metadata }),
      context,
    );
  }
}
