import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStream, type AssignAccount, type AccountState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class AssignAccountCommand extends Command<CommandOutcome<AccountState>> {
  constructor(
    readonly data: AssignAccount['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AssignAccountCommand)
export class AssignAccountHandler implements ICommandHandler<AssignAccountCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: AssignAccountCommand): Promise<CommandOutcome<AccountState>> {
    return this.aggregates.execute(
      accountDecider,
      accountStream(data.accountId),
      (metadata): AssignAccount => ({ type: 'AssignAccount', data, metadata }),
      context,
      data,
    );
  }
}
