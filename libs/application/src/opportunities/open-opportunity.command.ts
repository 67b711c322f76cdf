import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { opportunityDecider, opportunityStream, type OpenOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';

export class OpenOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<OpenOpportunity['data'], 'accountExists' | 'primaryContactAccountId'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The account must exist and a primary contact must work there. */
@CommandHandler(OpenOpportunityCommand)
export class OpenOpportunityHandler implements ICommandHandler<OpenOpportunityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ data, context }: OpenOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata): Promise<OpenOpportunity> => ({
        type: 'OpenOpportunity',
        data: {
          ...data,
          accountExists: await this.facts.accountExists(data.accountId),
          primaryContactAccountId: data.primaryContactId ? await this.facts.contactAccountId(data.primaryContactId) : null,
        },
        metadata,
      }),
      context,
      data,
    );
  }
}
