import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type ConvertLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { derivedUuid } from '../core/event-ids';
import { StreamFacts } from '../core/stream-facts';
import { LeadConversionProcess, type ConversionOutcome } from './lead-conversion.process';

type ConvertLeadInput = Pick<ConvertLead['data'], 'leadId' | 'account' | 'opportunity'> & { existingAccountId?: string | null };

export type ConvertLeadOutcome = ConversionOutcome & { lead: CommandOutcome<LeadState> };

export class ConvertLeadCommand extends Command<ConvertLeadOutcome> {
  constructor(
    readonly data: ConvertLeadInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Decides the whole conversion in the lead (one append, the commit point), then completes it in
 * the other streams. New ids derive from the command id, so a retry converges on the same entities.
 */
@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
    private readonly conversion: LeadConversionProcess,
  ) {}

  async execute({ data, context }: ConvertLeadCommand): Promise<ConvertLeadOutcome> {
    const { leadId, existingAccountId, account, opportunity } = data;
    const accountId = existingAccountId ?? derivedUuid(context.commandId, 'account');
    const lead = await this.aggregates.execute(
      leadDecider,
      leadStream(leadId),
      async (metadata): Promise<ConvertLead> => ({
        type: 'ConvertLead',
        data: {
          leadId, accountId, account, opportunity,
          contactId: derivedUuid(context.commandId, 'contact'),
          opportunityId: opportunity ? derivedUuid(context.commandId, 'opportunity') : null,
          existingAccount: Boolean(existingAccountId),
          accountExists: await this.facts.accountExists(accountId),
        },
        metadata,
      }),
      context,
      data,
    );
    const converted = (await this.aggregates.load(leadDecider, leadStream(leadId))).events.find(
      (event) => event.type === 'LeadConverted',
    );
    if (!converted) throw new Error(`Lead ${leadId} has no LeadConverted event after its conversion`);
    return { lead, ...(await this.conversion.complete(converted)) };
  }
}
