import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { contactDecider, contactStream, type MarkContactLeft, type ContactState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class MarkContactLeftCommand extends Command<CommandOutcome<ContactState>> {
  constructor(
    readonly data: MarkContactLeft['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MarkContactLeftCommand)
export class MarkContactLeftHandler implements ICommandHandler<MarkContactLeftCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: MarkContactLeftCommand): Promise<CommandOutcome<ContactState>> {
    return this.aggregates.execute(
      contactDecider,
      contactStream(data.contactId),
      (metadata): MarkContactLeft => ({ type: 'MarkContactLeft', data, metadata }),
      context,
      data,
    );
  }
}
