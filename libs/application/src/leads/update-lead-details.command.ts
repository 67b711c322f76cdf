import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type UpdateLeadDetails, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { SuppressionList } from '../privacy/suppression-list';

export class UpdateLeadDetailsCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    readonly data: UpdateLeadDetails['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateLeadDetailsCommand)
export class UpdateLeadDetailsHandler implements ICommandHandler<UpdateLeadDetailsCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly suppressions: SuppressionList,
  ) {}

  async execute({ data, context }: UpdateLeadDetailsCommand): Promise<CommandOutcome<LeadState>> {
    await this.suppressions.assertNotSuppressed(data);
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      (metadata): UpdateLeadDetails => ({ type: 'UpdateLeadDetails', data, metadata }),
      context,
      data,
    );
  }
}
