import {
  DEFAULT_PIPELINE, contactDecider, contactStream, opportunityDecider, opportunityStream, type ContactCommand, type ContactEvent,
  type ContactState, type LeadConverted, type OpportunityCommand, type OpportunityEvent, type OpportunityState,
} from '@crm/domain';
import { derivedUuid } from '../core/event-ids';
import { conversionSteps } from '../leads/lead-conversion.process';
import { context, leadId, type LeadStory } from './lead-story';
import type { AccountCursor, SeedWorld } from './seed-world';
import { MANAGERS, PRODUCTS, REPS } from './seed-vocabulary';
import { StreamCursor, type SeedContext } from './stream-cursor';

export type ContactCursor = StreamCursor<ContactCommand, ContactEvent, ContactState>;
export type OpportunityCursor = StreamCursor<OpportunityCommand, OpportunityEvent, OpportunityState>;

export interface Conversion {
  account: AccountCursor;
  contact: ContactCursor;
  opportunity: OpportunityCursor | null;
  /** true when the account was registered by this conversion (not an existing one). */
  newAccount: boolean;
}

const CURRENCY = { nl: 'EUR', be: 'EUR', de: 'EUR', fr: 'EUR', gb: 'GBP' } as const;

const opportunityInput = (world: SeedWorld, s: LeadStory, at: number) => {
  const r = world.random;
  const { organisation } = s;
  const scale = organisation.kind === 'GOVERNMENT' ? 3 : organisation.kind === 'FOUNDATION' ? 1.3 : 1;
  const amount = Math.min(2_000_000, Math.max(1500, Math.round(r.amount(18_000 * scale, 0.9) / 50) * 50));
  const close = new Date(at + r.days(30, 150)).toISOString().slice(0, 10);
  return { name: `${r.pick(PRODUCTS)} ${organisation.name}`.slice(0, 200), amount: `${amount}.00`, currency: CURRENCY[organisation.country], expectedCloseDate: close };
};

/**
 * Converts the qualified lead as ConvertLeadCommand does (new ids derived from its command id), then
 * completes it as LeadConversionProcess does: account, contact, opportunity, each with a command id
 * derived from the LeadConverted event id, caused by it and in its conversation. Into the
 * organisation's account when it already has one that existed at that time; a lead whose organisation's
 * account is only registered later stays qualified, so no organisation ends up with two accounts.
 */
export const convertLead = (world: SeedWorld, s: LeadStory): Conversion | null => {
  const at = world.workingTime(s.at + world.random.days(1, 21));
  const known = s.organisation.account;
  const existing = known ? world.account(known.accountId) : undefined;
  if (at >= world.end || (known && (!existing || existing.lastAt > at))) return null;
  s.at = at;
  const ctx = context(world, s.index, 'convert', s.owner, at);
  const accountId = known?.accountId ?? derivedUuid(ctx.commandId, 'account');
  const withOpportunity = world.random.chance(0.85);
  const { name, kind, domain, industry } = s.organisation;
  const data = {
    leadId: leadId(s), accountId, contactId: derivedUuid(ctx.commandId, 'contact'),
    opportunityId: withOpportunity ? derivedUuid(ctx.commandId, 'opportunity') : null,
    existingAccount: Boolean(known), accountExists: Boolean(known),
    account: { name, kind, domain, industry }, opportunity: withOpportunity ? opportunityInput(world, s, at) : null,
  };
  const [converted] = s.lead.decide(s.story, ctx, at, (metadata) => ({ type: 'ConvertLead', data, metadata })) as LeadConverted[];
  const account = existing ?? world.newAccount(accountId);
  if (!known) s.organisation.account = { accountId, registeredAt: at };
  return completeConversion(s, converted, { ...ctx, eventId: s.lead.lastEventIds[0] }, at, account);
};

/** LeadConversionProcess.complete, in memory: the same commands, command ids, causation and business time. */
const completeConversion = (
  s: LeadStory,
  converted: LeadConverted,
  cause: SeedContext & { eventId: string },
  at: number,
  account: AccountCursor,
): Conversion => {
  const step = (name: string): SeedContext => ({
    actor: cause.actor, commandId: derivedUuid(cause.eventId, name), correlationId: cause.commandId, causationId: cause.eventId,
  });
  const { account: a, contact: c, opportunity: o } = converted.data;
  const { accountId, name, kind, domain, industry, ownerId, existing } = a;
  const inputs = conversionSteps(converted.data);
  s.story.share(account.streamName);
  account.decide(s.story, step('account'), at, (metadata) =>
    existing
      ? { type: 'UpdateAccountDetails', data: { accountId, name, kind, domain, industry, onlyEmptyFields: true }, metadata }
      : { type: 'RegisterAccount', data: { accountId, name, kind, domain, industry, ownerId }, metadata }, inputs.account.input);
  s.story.seal();
  const contact: ContactCursor = new StreamCursor(contactStream(c.contactId), contactDecider);
  contact.decide(s.story, step('contact'), at, (metadata) => ({ type: 'AddContact', data: { ...c, accountExists: true }, metadata }), inputs.contact);
  s.story.seal();
  if (!o) return { account, contact, opportunity: null, newAccount: !existing };
  const opportunity: OpportunityCursor = new StreamCursor(opportunityStream(o.opportunityId), opportunityDecider);
  const { amount, ...opened } = o;
  opportunity.decide(s.story, step('opportunity'), at, (metadata) => ({
    type: 'OpenOpportunity',
    data: { ...opened, amount: amount.amount, currency: amount.currency, accountExists: true, primaryContactAccountId: c.accountId, pipeline: DEFAULT_PIPELINE },
    metadata,
  }), inputs.opportunity);
  s.story.seal();
  return { account, contact, opportunity, newAccount: !existing };
};

/** A new account's later upkeep, off the story's main timeline: its registration number, sometimes a new owner. */
export const tendAccount = (world: SeedWorld, s: LeadStory, conversion: Conversion): void => {
  const r = world.random;
  const { account } = conversion;
  if (!conversion.newAccount || account.state.status === 'Unknown') return;
  const { accountId } = account.state;
  const registration = world.workingTime(s.at + r.hours(2, 72));
  if (r.chance(0.3) && registration < world.end) {
    account.decide(s.story, context(world, s.index, 'account-registration', s.owner, registration), registration, (metadata) => ({
      type: 'UpdateAccountDetails', data: { accountId, registrationNumber: s.organisation.registrationNumber }, metadata,
    }));
  }
  const reassigned = world.workingTime(s.at + r.days(1, 10));
  if (r.chance(0.06) && reassigned < world.end) {
    account.decide(s.story, context(world, s.index, 'account-assign', r.pick(MANAGERS), reassigned), reassigned, (metadata) => ({
      type: 'AssignAccount', data: { accountId, ownerId: r.pick(REPS) }, metadata,
    }));
  }
};
