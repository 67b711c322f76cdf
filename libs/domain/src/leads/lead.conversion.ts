import { ACCOUNT_KINDS } from '../accounts/account.enums';
import { CalendarDate } from '../shared/calendar-date';
import { parseEnum } from '../shared/enums';
import { RuleViolation, ValidationError } from '../shared/errors';
import { EntityId } from '../shared/ids';
import { Money } from '../shared/money';
import { OrganisationName } from '../shared/person-name';
import { SingleLineText } from '../shared/text';
import { nullable, parseFields } from '../shared/validation';
import { personErased } from '../privacy/person-erased';
import { WebDomain } from '../shared/web-domain';
import type { ConvertLead, ConvertLeadAccountInput, ConvertLeadOpportunityInput } from './lead.commands';
import type { ConvertedAccount, ConvertedContact, ConvertedOpportunity, LeadEvent } from './lead.events';
import type { ChangeableLead } from './lead.rules';
import type { OpenLead } from './lead.state';

type Ids = { accountId: string; contactId: string; opportunityId: string | null };

function parseIds(data: ConvertLead['data']): Ids {
  const ids = parseFields({
    accountId: () => EntityId.parse(data.accountId, 'accountId'),
    contactId: () => EntityId.parse(data.contactId, 'contactId'),
    opportunityId: () => nullable(data.opportunityId, (raw) => EntityId.parse(raw, 'opportunityId')),
  });
  if ((ids.opportunityId === null) !== (data.opportunity == null)) {
    const field = ids.opportunityId === null ? 'opportunityId' : 'opportunity';
    throw ValidationError.field(field, 'opportunityId and opportunity must be given together');
  }
  return ids;
}

function accountOf(lead: OpenLead, data: ConvertLead['data'], ownerId: string): ConvertedAccount {
  const input: ConvertLeadAccountInput = data.account ?? {};
  const parsed = parseFields({
    name: () => nullable(input.name, (raw) => OrganisationName.parse(raw, 'account.name')),
    kind: () => nullable(input.kind, (raw) => parseEnum(ACCOUNT_KINDS, raw, 'account.kind')),
    domain: () => nullable(input.domain, (raw) => WebDomain.parse(raw, 'account.domain')),
    industry: () => nullable(input.industry, (raw) => SingleLineText.parse(raw, 'account.industry', 100)),
  });
  return {
    accountId: data.accountId,
    existing: data.existingAccount,
    name: parsed.name ?? lead.companyName,
    kind: parsed.kind ?? 'COMPANY',
    domain: parsed.domain ?? lead.companyDomain,
    industry: parsed.industry,
    ownerId,
  };
}

function contactOf(lead: OpenLead, ids: Ids): ConvertedContact {
  const { firstName, lastName, email, phone, jobTitle, subjectId } = lead;
  // Only an erased lead lacks a name, and an erased lead decides nothing (requireChangeableLead).
  if (firstName === null || lastName === null) throw personErased('Lead', lead.leadId);
  const { contactId, accountId } = ids;
  const details = { firstName, lastName, email, phone, jobTitle };
  return { contactId, accountId, ...details, relationship: 'EMPLOYEE', sourceLeadId: lead.leadId, subjectId };
}

function opportunityOf(
  input: ConvertLeadOpportunityInput,
  ids: Ids & { opportunityId: string },
  defaults: { name: string; ownerId: string; now: string },
): ConvertedOpportunity {
  const parsed = parseFields({
    name: () => nullable(input.name, (raw) => SingleLineText.parse(raw, 'opportunity.name', 200)),
    amount: () => Money.parse(input.amount, input.currency, 'opportunity.amount', 'opportunity.currency'),
    expectedCloseDate: () =>
      nullable(input.expectedCloseDate, (raw) => CalendarDate.parse(raw, 'opportunity.expectedCloseDate')) ??
      CalendarDate.endOfQuarter(CalendarDate.ofInstant(defaults.now)),
  });
  return {
    opportunityId: ids.opportunityId,
    accountId: ids.accountId,
    name: parsed.name ?? defaults.name,
    amount: Money.toJson(parsed.amount),
    expectedCloseDate: parsed.expectedCloseDate,
    ownerId: defaults.ownerId,
    stage: 'PROSPECTING',
    primaryContactId: ids.contactId,
  };
}

function requireQualified(lead: ChangeableLead): OpenLead {
  if (lead.status !== 'QUALIFIED') {
    const message = `Lead ${lead.leadId} is ${lead.status}: only a qualified lead converts`;
    throw new RuleViolation('LEAD_NOT_QUALIFIED', message);
  }
  return lead;
}

function requireAccountAsExpected(data: ConvertLead['data']): void {
  if (data.existingAccount && !data.accountExists) {
    throw new RuleViolation('ACCOUNT_NOT_FOUND', `Account ${data.accountId} does not exist`);
  }
  if (!data.existingAccount && data.accountExists) {
    throw new RuleViolation('ALREADY_EXISTS', `Account ${data.accountId} already exists`);
  }
}

/** Decides the whole conversion in the lead: the account, contact and opportunity are created later from this event. */
export function decideConvertLead(lead: ChangeableLead, command: ConvertLead): LeadEvent[] {
  const qualified = requireQualified(lead);
  const { data, metadata } = command;
  const ids = parseIds(data);
  requireAccountAsExpected(data);
  const ownerId = qualified.ownerId ?? metadata.actor;
  const account = accountOf(qualified, { ...data, accountId: ids.accountId }, ownerId);
  const defaults = { name: account.name, ownerId, now: metadata.now };
  const opportunity =
    data.opportunity != null && ids.opportunityId !== null
      ? opportunityOf(data.opportunity, { ...ids, opportunityId: ids.opportunityId }, defaults)
      : null;
  const contact = contactOf(qualified, ids);
  const event: LeadEvent = {
    type: 'LeadConverted',
    data: { leadId: qualified.leadId, from: 'QUALIFIED', source: qualified.source, account, contact, opportunity },
  };
  return [event];
}
