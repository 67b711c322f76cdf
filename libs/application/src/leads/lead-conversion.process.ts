import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AccountState, ContactState, LeadConverted, OpportunityState } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { derivedUuid } from '../core/event-ids';
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
 * What each step of a conversion asks for, read from LeadConverted alone. The process and the seed
 * (which writes the same steps for its demo data) both take their inputs from here, so the events
 * either writes (with the fingerprint of that input) are the same, byte for byte.
 */
export const conversionSteps = ({ account, contact, opportunity }: LeadConverted['data']) => {
  const { accountId, name, kind, domain, industry, ownerId } = account;
  return {
    account: account.existing
      ? { existing: true as const, input: { accountId, name, kind, domain, industry, onlyEmptyFields: true } }
      : { existing: false as const, input: { accountId, name, kind, domain, industry, ownerId } },
    contact,
    opportunity: opportunity ? { ...opportunity, amount: opportunity.amount.amount, currency: opportunity.amount.currency } : null,
  };
};

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
    const steps = conversionSteps((converted as unknown as LeadConverted & RecordedEvent).data);
    const step = (name: string): CommandContext => ({
      actor: converted.metadata.actor,
      commandId: derivedUuid(converted.id, name),
      correlationId: converted.metadata.correlationId,
      causationId: converted.id,
      occurredAt: new Date(converted.metadata.occurredAt),
    });
    const accountOutcome = steps.account.existing
      ? await this.commands.execute(new UpdateAccountDetailsCommand(steps.account.input, step('account')))
      : await this.commands.execute(new RegisterAccountCommand(steps.account.input, step('account')));
    const contactOutcome = await this.commands.execute(new AddContactCommand(steps.contact, step('contact')));
    const opportunityOutcome = steps.opportunity
      ? await this.commands.execute(new OpenOpportunityCommand(steps.opportunity, step('opportunity')))
      : null;
    return { account: accountOutcome, contact: contactOutcome, opportunity: opportunityOutcome };
  }
}
