import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contactDecider, contactStream, type UpdateContactDetails, type ContactState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { SuppressionList } from '../privacy/suppression-list';

export class UpdateContactDetailsCommand extends Command<CommandOutcome<ContactState>> {
  constructor(
    readonly data: UpdateContactDetails['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(UpdateContactDetailsCommand)
export class UpdateContactDetailsHandler implements ICommandHandler<UpdateContactDetailsCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly suppressions: SuppressionList,
  ) {}

  async execute({ data, context }: UpdateContactDetailsCommand): Promise<CommandOutcome<ContactState>> {
    await this.suppressions.assertNotSuppressed(data);
    return this.aggregates.execute(
      contactDecider,
      contactStream(data.contactId),
      (metadata): UpdateContactDetails => ({ type: 'UpdateContactDetails', data, metadata }),
      context,
      data,
    );
  }
}
