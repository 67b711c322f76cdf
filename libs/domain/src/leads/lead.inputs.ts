import { ValidationError } from '../shared/errors';
import { Email } from '../shared/email';
import { parseEnum } from '../shared/enums';
import { EntityId, UserId } from '../shared/ids';
import { OrganisationName, PersonName } from '../shared/person-name';
import { Phone } from '../shared/phone';
import { SingleLineText } from '../shared/text';
import { definedOnly, given, nullable, optional, parseFields } from '../shared/validation';
import { WebDomain } from '../shared/web-domain';
import type { CaptureLead, LeadDetailsInput, UpdateLeadDetails } from './lead.commands';
import { LEAD_SOURCES, SENIORITIES } from './lead.enums';
import type { LeadCaptured, LeadDetails } from './lead.events';

const parsers = {
  email: (raw: string) => Email.parse(raw, 'email'),
  phone: (raw: string) => Phone.parse(raw, 'phone'),
  jobTitle: (raw: string) => SingleLineText.parse(raw, 'jobTitle', 200),
  seniority: (raw: string) => parseEnum(SENIORITIES, raw, 'seniority'),
  companyDomain: (raw: string) => WebDomain.parse(raw, 'companyDomain'),
  sourceDetail: (raw: string) => SingleLineText.parse(raw, 'sourceDetail', 500),
};

const optionalDetails = (data: LeadDetailsInput) => ({
  email: () => optional(data.email, parsers.email),
  phone: () => optional(data.phone, parsers.phone),
  jobTitle: () => optional(data.jobTitle, parsers.jobTitle),
  seniority: () => optional(data.seniority, parsers.seniority),
  companyDomain: () => optional(data.companyDomain, parsers.companyDomain),
  sourceDetail: () => optional(data.sourceDetail, parsers.sourceDetail),
});

export function parseCaptureLead(data: CaptureLead['data']): LeadCaptured['data'] {
  const parsed = parseFields({
    leadId: () => EntityId.parse(data.leadId, 'leadId'),
    subjectId: () => EntityId.parse(data.subjectId, 'subjectId'),
    firstName: () => PersonName.parse(data.firstName, 'firstName'),
    lastName: () => PersonName.parse(data.lastName, 'lastName'),
    companyName: () => OrganisationName.parse(data.companyName, 'companyName'),
    source: () => parseEnum(LEAD_SOURCES, data.source, 'source'),
    ownerId: () => nullable(data.ownerId, (raw) => UserId.parse(raw, 'ownerId')),
    ...optionalDetails(data),
  });
  const { email, phone, jobTitle, seniority, companyDomain, sourceDetail } = parsed;
  if (email == null && phone == null) {
    throw new ValidationError([
      { field: 'email', message: 'an email or a phone number is required' },
      { field: 'phone', message: 'an email or a phone number is required' },
    ]);
  }
  return {
    ...parsed,
    email: email ?? null,
    phone: phone ?? null,
    jobTitle: jobTitle ?? null,
    seniority: seniority ?? null,
    companyDomain: companyDomain ?? null,
    sourceDetail: sourceDetail ?? null,
  };
}

/** The proposed new values: a key is present only when the command gives it. */
export function parseLeadDetailsUpdate(data: UpdateLeadDetails['data']): Partial<LeadDetails> {
  const parsed = parseFields({
    firstName: () => given(data.firstName, (raw) => PersonName.parse(raw, 'firstName')),
    lastName: () => given(data.lastName, (raw) => PersonName.parse(raw, 'lastName')),
    companyName: () => given(data.companyName, (raw) => OrganisationName.parse(raw, 'companyName')),
    ...optionalDetails(data),
  });
  return definedOnly(parsed);
}
