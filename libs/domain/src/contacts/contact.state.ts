import { assertNever } from '../shared/assert-never';
import type { ContactDetails, ContactEvent } from './contact.events';

export type UnknownContact = { status: 'Unknown' };
export type KnownContact = ContactDetails & {
  status: 'ACTIVE' | 'LEFT';
  contactId: string;
  /** The current account, or for a contact who left, the account they left. */
  accountId: string;
  sourceLeadId: string | null;
};
export type ContactState = UnknownContact | KnownContact;

export const initialContactState = (): ContactState => ({ status: 'Unknown' });

export function evolveContact(state: ContactState, event: ContactEvent): ContactState {
  if (event.type === 'ContactAdded') return { ...event.data, status: 'ACTIVE' };
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
    default:
      return assertNever(event);
  }
}
