import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contactDecider, contactStream, type MoveContact, type ContactState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';

export class MoveContactCommand extends Command<CommandOutcome<ContactState>> {
  constructor(
    readonly data: Omit<MoveContact['data'], 'toAccountExists'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A contact moves only to an account that exists. */
@CommandHandler(MoveContactCommand)
export class MoveContactHandler implements ICommandHandler<MoveContactCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: MoveContactCommand): Promise<CommandOutcome<ContactState>> {
    return this.aggregates.execute(
      contactDecider,
      contactStream(data.contactId),
      async (metadata): Promise<MoveContact> => ({
        type: 'MoveContact',
        data: {
          ...data,
          toAccountExists: await this.facts.accountExists(data.toAccountId),
        },
        metadata,
      }),
      context,
      data,
    );
  }
}
