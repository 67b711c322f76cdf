import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type AssignContactRole, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';

export class AssignContactRoleCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<AssignContactRole['data'], 'contactAccountId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Only contacts of the opportunity's own account take a role on it. */
@CommandHandler(AssignContactRoleCommand)
export class AssignContactRoleHandler implements ICommandHandler<AssignContactRoleCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: AssignContactRoleCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata): Promise<AssignContactRole> => ({
        type: 'AssignContactRole',
        data: {
          ...data,
          contactAccountId: await this.facts.contactAccountId(data.contactId),
        },
        metadata,
      }),
      context,
      data,
    );
  }
}
