import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contactDecider, contactStream, type AddContact, type ContactState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
import { PersonalDataCodec } from '../privacy/personal-data-codec';
import { SuppressionList } from '../privacy/suppression-list';

export class AddContactCommand extends Command<CommandOutcome<ContactState>> {
  constructor(
    /** Without a subject (a contact added directly), the person gets a new one. */
    readonly data: Omit<AddContact['data'], 'accountExists' | 'subjectId'> & { subjectId?: string },
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
    private readonly suppressions: SuppressionList,
    private readonly personalData: PersonalDataCodec,
  ) {}

  async execute({ data, context }: AddContactCommand): Promise<CommandOutcome<ContactState>> {
    // Only a new person is checked: a converted lead's contact is a person already recorded (their
    // subject comes with them), and refusing it would leave the conversion, or an erasure, undone.
    if (data.subjectId === undefined) await this.suppressions.assertNotSuppressed(data);
    return this.aggregates.execute(
      contactDecider,
      contactStream(data.contactId),
      async (metadata): Promise<AddContact> => ({
        type: 'AddContact',
        data: {
          ...data,
          subjectId: data.subjectId ?? (await this.personalData.keys.newSubject()),
          accountExists: await this.facts.accountExists(data.accountId),
        },
        metadata,
      }),
      context,
      data,
    );
  }
}
