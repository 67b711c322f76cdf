import { CONTACT_EVENT_TYPES, assertNever, type ContactAdded, type ContactDetails, type ContactEvent } from '@crm/domain';
import type { Doc } from '../../store/read-store.port';
import type { DocKey, Projection } from '../projection';
import { emailKey, fullName, occurredAt, pickChanges, requireDoc, searchText } from '../projection-helpers';

export const CONTACTS = 'contacts';

const DETAIL_FIELDS: ReadonlyArray<keyof ContactDetails> = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'relationship'];

/** The fields derived from the details; only details events change them, so only they recompute them. */
const derivedOf = (first: unknown, last: unknown, email: unknown) => {
  const name = fullName(first, last);
  return { fullName: name, searchText: searchText(name, email as string | null), emailKey: emailKey(email) };
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
      // An erased person leaves their role at the account and none of their own facts, search text included.
      const blanked = { firstName: null, lastName: null, email: null, phone: null, jobTitle: null };
      return { ...doc, ...blanked, ...derivedOf(null, null, null), fullName: null, erased: true, updatedAt: at, revision };
    }
    case 'SuppressionLifted':
      return { ...doc, updatedAt: at, revision };
    default:
      return assertNever(event);
  }
};

/**
 * One document per contact, for account pages (contacts of an account), contact lists and search.
 * Version 2 added the last-name indexes: the list's default order read and sorted every contact.
 */
export const contactsProjection: Projection = {
  name: 'contacts',
  version: 2,
  collections: {
    [CONTACTS]: [
      { fields: [{ field: 'accountId' }, { field: 'status' }] },
      { fields: [{ field: 'email' }] },
      { fields: [{ field: 'searchText' }] },
      { fields: [{ field: 'lastName' }] },
      { fields: [{ field: 'status' }, { field: 'lastName' }] },
    ],
  },
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
