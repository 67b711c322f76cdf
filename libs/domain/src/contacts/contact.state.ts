import { assertNever } from '../shared/assert-never';
import type { ContactDetails, ContactEvent } from './contact.events';
import { blankPersonalFields } from '../privacy/person-erased';

const CONTACT_PERSONAL_STATE = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'];

export type UnknownContact = { status: 'Unknown' };
/** An erased person's names read as null, like every other personal field of theirs. */
export type KnownContact = Omit<ContactDetails, 'firstName' | 'lastName'> & {
  firstName: string | null;
  lastName: string | null;
  status: 'ACTIVE' | 'LEFT';
  contactId: string;
  subjectId: string;
  erased: boolean;
  /** The current account, or for a contact who left, the account they left. */
  accountId: string;
  sourceLeadId: string | null;
};
export type ContactState = UnknownContact | KnownContact;

export const initialContactState = (): ContactState => ({ status: 'Unknown' });

export function evolveContact(state: ContactState, event: ContactEvent): ContactState {
  if (event.type === 'ContactAdded') return { ...event.data, status: 'ACTIVE', erased: false };
  if (state.status === 'Unknown') return state;
  switch (event.type) {
    case 'ContactDetailsUpdated':
      return { ...state, ...event.data.changes };
    case 'ContactMoved': {
      const { toAccountId, jobTitle, relationship } = event.data;
      return { ...state, status: 'ACTIVE', accountId: toAccountId, jobTitle, relationship };
    }
    case 'ContactLeft':
      return { ...state, status: 'LEFT' };
    case 'PersonErased':
      return { ...blankPersonalFields(state, CONTACT_PERSONAL_STATE), erased: true };
    case 'SuppressionLifted':
      return state;
    default:
      return assertNever(event);
  }
}
