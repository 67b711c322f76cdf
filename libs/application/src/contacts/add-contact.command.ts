import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contactDecider, contactStream, type AddContact, type ContactState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';

export class AddContactCommand extends Command<CommandOutcome<ContactState>> {
  constructor(
    readonly data: Omit<AddContact['data'], 'accountExists'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A contact always works at an account that exists. */
@CommandHandler(AddContactCommand)
export class AddContactHandler implements ICommandHandler<AddContactCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: AddContactCommand): Promise<CommandOutcome<ContactState>> {
    return this.aggregates.execute(
      contactDecider,
      contactStream(data.contactId),
      async (metadata): Promise<AddContact> => ({
        type: 'AddContact',
        data: {
          ...data,
          accountExists: await this.facts.accountExists(data.accountId),
        },
        metadata,
      }),
      context,
    );
  }
}
