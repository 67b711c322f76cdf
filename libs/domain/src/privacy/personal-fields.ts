/**
 * Where an event holds personal data: the fields that describe a natural person (names, email,
 * phone, job title, seniority, free-text notes about them, a lead's source detail), directly in the
 * event's data or in one object inside it. Ids, statuses, amounts, dates, enums that classify the
 * deal and the account's (a legal entity's) fields are not personal.
 */
export interface PersonalFields {
  /** The key of the object inside `data` that holds the fields; absent when they are in `data` itself. */
  readonly container?: string;
  readonly fields: readonly string[];
}

const LEAD_PERSON = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'seniority', 'sourceDetail'] as const;
const CONTACT_PERSON = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'] as const;

const PERSONAL_FIELDS: { readonly [eventType: string]: PersonalFields } = {
  LeadCaptured: { fields: LEAD_PERSON },
  LeadDetailsUpdated: { container: 'changes', fields: LEAD_PERSON },
  LeadDisqualified: { fields: ['notes'] },
  LeadConverted: { container: 'contact', fields: CONTACT_PERSON },
  ContactAdded: { fields: CONTACT_PERSON },
  ContactDetailsUpdated: { container: 'changes', fields: CONTACT_PERSON },
  ContactMoved: { fields: ['jobTitle'] },
};

/** The personal fields of an event type, or undefined when it carries none. */
export const personalFieldsOf = (eventType: string): PersonalFields | undefined =>
  Object.hasOwn(PERSONAL_FIELDS, eventType) ? PERSONAL_FIELDS[eventType] : undefined;
