import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { accountDecider, accountStream, type RegisterAccount, type AccountState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';

export class RegisterAccountCommand extends Command<CommandOutcome<AccountState>> {
  constructor(
    readonly data: Omit<RegisterAccount['data'], 'parentExists' | 'parentAncestry'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Parent facts are looked up on every attempt, so a cycle created concurrently is still caught. */
@CommandHandler(RegisterAccountCommand)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccountCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: RegisterAccountCommand): Promise<CommandOutcome<AccountState>> {
    return this.aggregates.execute(
      accountDecider,
      accountStream(data.accountId),
      async (metadata): Promise<RegisterAccount> => ({
        type: 'RegisterAccount',
        data: {
          ...data,
          ...(await this.facts.parentFacts(data.parentAccountId)),
        },
        metadata,
      }),
      context,
      data,
    );
  }
}
