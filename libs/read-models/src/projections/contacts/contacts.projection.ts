import { CONTACT_EVENT_TYPES, assertNever, type ContactAdded, type ContactDetails, type ContactEvent } from '@crm/domain';
import type { Doc } from '../../store/read-store.port';
import type { DocKey, Projection } from '../projection';
import { emailKey, fullName, occurredAt, pickChanges, requireDoc } from '../projection-helpers';

export const CONTACTS = 'contacts';

const DETAIL_FIELDS: ReadonlyArray<keyof ContactDetails> = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'relationship'];

/**
 * The fields derived from the details; only details events change them, so only they recompute them.
 * Names read as null only when the person's key is gone (replayed as of an instant before the
 * erasure): then the full name is unknown too, not empty.
 */
const derivedOf = (first: unknown, last: unknown, email: unknown) => {
  const name = fullName(first, last);
  return { fullName: name === '' ? null : name, emailKey: emailKey(email) };
};

const added = (data: ContactAdded['data'], at: string, revision: number): Doc => ({
  id: data.contactId, subjectId: data.subjectId, erased: false, accountId: data.accountId, firstName: data.firstName, lastName: data.lastName, email: data.email,
  phone: data.phone, jobTitle: data.jobTitle, relationship: data.relationship, status: 'ACTIVE',
  sourceLeadId: data.sourceLeadId, createdAt: at,
  ...derivedOf(data.firstName, data.lastName, data.email),
  updatedAt: at, revision,
});

/** The new document: one copy of the stored one with the event's changes and stamp. */
const evolve = (doc: Doc, event: Exclude<ContactEvent, ContactAdded>, at: string, revision: number): Doc => {
  switch (event.type) {
    case 'ContactDetailsUpdated': {
      const next: Doc = { ...doc, ...pickChanges(event.data.changes, DETAIL_FIELDS), updatedAt: at, revision };
      return Object.assign(next, derivedOf(next.firstName, next.lastName, next.email));
    }
    case 'ContactMoved': {
      const { toAccountId, jobTitle, relationship } = event.data;
      return { ...doc, accountId: toAccountId, jobTitle, relationship, status: 'ACTIVE', updatedAt: at, revision };
    }
    case 'ContactLeft':
      return { ...doc, status: 'LEFT', updatedAt: at, revision };
    case 'PersonErased': {
      // An erased person leaves their role at the account and none of their own facts; their search words go with them.
      const blanked = { firstName: null, lastName: null, email: null, phone: null, jobTitle: null };
      return { ...doc, ...blanked, ...derivedOf(null, null, null), fullName: null, erased: true, updatedAt: at, revision };
    }
    case 'SuppressionLifted':
      return { ...doc, updatedAt: at, revision };
    default:
      return assertNever(event);
  }
};

/** Names count twice what the email and phone do in a search's relevance. */
export const CONTACT_SEARCH = { firstName: 2, lastName: 2, email: 1, phone: 1 };

/**
 * One document per contact, for account pages (contacts of an account), contact lists and search.
 * Version 3 added the last-name indexes: the list's default order read and sorted every contact.
 */
export const contactsProjection: Projection = {
  name: 'contacts',
  version: 3,
  collections: {
    [CONTACTS]: [
      { fields: [{ field: 'accountId' }, { field: 'status' }] },
      // An account's contacts by last name, a page per account read from one index range.
      { fields: [{ field: 'accountId' }, { field: 'lastName' }] },
      { fields: [{ field: 'emailKey' }] },
      // The contact list's default order, alone and within a status.
      { fields: [{ field: 'lastName' }] },
      { fields: [{ field: 'status' }, { field: 'lastName' }] },
    ],
  },
  search: { [CONTACTS]: CONTACT_SEARCH },
  filter: { categories: ['contact'], eventTypes: CONTACT_EVENT_TYPES },
  prefetch: (event): DocKey[] => [{ collection: CONTACTS, id: String(event.data.contactId) }],
  apply(event, docs) {
    const at = occurredAt(event);
    const contact = event as unknown as ContactEvent;
    if (contact.type === 'ContactAdded') {
      docs.put(CONTACTS, added(contact.data, at, event.revision));
      return;
    }
    const doc = requireDoc(docs, CONTACTS, String(event.data.contactId), event);
    docs.put(CONTACTS, evolve(doc, contact, at, event.revision));
  },
};
