import type { Event } from '../shared/decider';
import type { ContactRelationship } from './contact.enums';
import type { PersonErasedFacts, SuppressionLiftedFacts } from '../privacy/person-erased';

export type ContactDetails = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  relationship: ContactRelationship;
};

export type ContactAdded = Event<
  'ContactAdded',
  ContactDetails & { contactId: string; subjectId: string; accountId: string; sourceLeadId: string | null }
>;

/** Only the fields that changed, with their new value; null means the field was cleared. */
export type ContactDetailsUpdated = Event<
  'ContactDetailsUpdated',
  { contactId: string; accountId: string; changes: Partial<ContactDetails> }
>;

/** `reactivated` is true when a contact who had left joins an account again. */
export type ContactMoved = Event<
  'ContactMoved',
  {
    contactId: string;
    fromAccountId: string;
    toAccountId: string;
    jobTitle: string | null;
    relationship: ContactRelationship;
    reactivated: boolean;
  }
>;

export type ContactLeft = Event<'ContactLeft', { contactId: string; accountId: string }>;

/** The person was erased: their key is destroyed, so every personal field of this stream reads as null. */
export type ContactPersonErased = Event<'PersonErased', PersonErasedFacts & { contactId: string }>;

export type ContactSuppressionLifted = Event<'SuppressionLifted', SuppressionLiftedFacts & { contactId: string }>;

export type ContactEvent =
  | ContactAdded
  | ContactDetailsUpdated
  | ContactMoved
  | ContactLeft
  | ContactPersonErased
  | ContactSuppressionLifted;

const contactEventTypes: { [T in ContactEvent['type']]: true } = {
  ContactAdded: true,
  ContactDetailsUpdated: true,
  ContactMoved: true,
  ContactLeft: true,
  PersonErased: true,
  SuppressionLifted: true,
};

export const CONTACT_EVENT_TYPES = Object.freeze(Object.keys(contactEventTypes)) as readonly ContactEvent['type'][];

export const isContactEvent = (event: { type: string }): event is ContactEvent =>
  Object.hasOwn(contactEventTypes, event.type);
