import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AccountState, ContactState, LeadConverted, OpportunityState } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { deterministicUuid } from '../core/event-ids';
import { RegisterAccountCommand } from '../accounts/register-account.command';
import { UpdateAccountDetailsCommand } from '../accounts/update-account-details.command';
import { AddContactCommand } from '../contacts/add-contact.command';
import { OpenOpportunityCommand } from '../opportunities/open-opportunity.command';

export interface ConversionOutcome {
  account: CommandOutcome<AccountState>;
  contact: CommandOutcome<ContactState>;
  opportunity: CommandOutcome<OpportunityState> | null;
}

/**
 * The second half of a lead conversion. LeadConverted is the commit point: it records everything.
 * This process creates the account, then the contact, then the opportunity, each with a command id
 * derived from the LeadConverted event id, so running it again (a retry, a restart, the background
 * runner and the request racing) repeats the same writes and the store makes them no-ops. The order
 * means a contact is never visible without its account.
 */
@Injectable()
export class LeadConversionProcess {
  constructor(private readonly commands: CommandBus) {}

  async complete(converted: RecordedEvent): Promise<ConversionOutcome> {
    const { account, contact, opportunity } = (converted as unknown as LeadConverted & RecordedEvent).data;
    const step = (name: string): CommandContext => ({
      actor: converted.metadata.actor,
      commandId: deterministicUuid(converted.id, name),
      correlationId: converted.metadata.correlationId,
      causationId: converted.id,
      occurredAt: new Date(converted.metadata.occurredAt),
    });
    const { accountId, name, kind, domain, industry, ownerId } = account;
    const accountOutcome = account.existing
      ? await this.commands.execute(
          new UpdateAccountDetailsCommand({ accountId, name, kind, domain, industry, onlyEmptyFields: true }, step('account')),
        )
      : await this.commands.execute(new RegisterAccountCommand({ accountId, name, kind, domain, industry, ownerId }, step('account')));
    const contactOutcome = await this.commands.execute(new AddContactCommand(contact, step('contact')));
    const opportunityOutcome = opportunity
      ? await this.commands.execute(
          new OpenOpportunityCommand(
            { ...opportunity, amount: opportunity.amount.amount, currency: opportunity.amount.currency },
            step('opportunity'),
          ),
        )
      : null;
    return { account: accountOutcome, contact: contactOutcome, opportunity: opportunityOutcome };
  }
}
