import { Email } from '../shared/email';
import { parseEnum } from '../shared/enums';
import { PersonName } from '../shared/person-name';
import { Phone } from '../shared/phone';
import { SingleLineText } from '../shared/text';
import { definedOnly, given, optional, parseFields } from '../shared/validation';
import type { UpdateContactDetails } from './contact.commands';
import { CONTACT_RELATIONSHIPS } from './contact.enums';
import type { ContactDetails } from './contact.events';

type DetailsInput = Omit<UpdateContactDetails['data'], 'contactId'>;

export const parseJobTitle = (raw: string): string => SingleLineText.parse(raw, 'jobTitle', 200);
export const parseRelationship = (raw: unknown) => parseEnum(CONTACT_RELATIONSHIPS, raw, 'relationship');

/** Parses the given fields only: a key is absent when not given, null when cleared. */
export function parseContactDetails(data: DetailsInput): Partial<ContactDetails> {
  const parsed = parseFields({
    firstName: () => given(data.firstName, (raw) => PersonName.parse(raw, 'firstName')),
    lastName: () => given(data.lastName, (raw) => PersonName.parse(raw, 'lastName')),
    email: () => optional(data.email, (raw) => Email.parse(raw, 'email')),
    phone: () => optional(data.phone, (raw) => Phone.parse(raw, 'phone')),
    jobTitle: () => optional(data.jobTitle, parseJobTitle),
    relationship: () => given(data.relationship, parseRelationship),
  });
  return definedOnly(parsed);
}
