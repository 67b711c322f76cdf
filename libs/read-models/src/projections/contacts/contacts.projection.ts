import { CONTACT_EVENT_TYPES, assertNever, type ContactAdded, type ContactDetails, type ContactEvent } from '@crm/domain';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection } from '../projection';
import { fullName, occurredAt, pickChanges, requireDoc, searchText } from '../projection-helpers';

export const CONTACTS = 'contacts';

const DETAIL_FIELDS: ReadonlyArray<keyof ContactDetails> = ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'relationship'];

const withDerived = (doc: Doc): Doc => ({
  ...doc,
  fullName: fullName(doc.firstName, doc.lastName),
  searchText: searchText(fullName(doc.firstName, doc.lastName), doc.email as string | null),
});

const added = (data: ContactAdded['data'], at: string): Doc =>
  withDerived({
    id: data.contactId, accountId: data.accountId, firstName: data.firstName, lastName: data.lastName, email: data.email,
    phone: data.phone, jobTitle: data.jobTitle, relationship: data.relationship, status: 'ACTIVE',
    sourceLeadId: data.sourceLeadId, createdAt: at,
  });

const evolve = (doc: Doc, event: Exclude<ContactEvent, ContactAdded>): Doc => {
  switch (event.type) {
    case 'ContactDetailsUpdated':
      return withDerived({ ...doc, ...pickChanges(event.data.changes, DETAIL_FIELDS) });
    case 'ContactMoved':
      return { ...doc, accountId: event.data.toAccountId, jobTitle: event.data.jobTitle, relationship: event.data.relationship, status: 'ACTIVE' };
    case 'ContactLeft':
      return { ...doc, status: 'LEFT' };
    default:
      return assertNever(event);
  }
};

/** One document per contact, for account pages (contacts of an account) and contact search. */
export const contactsProjection: Projection = {
  name: 'contacts',
  version: 1,
  collections: {
    [CONTACTS]: [
      { fields: [{ field: 'accountId' }, { field: 'status' }] },
      { fields: [{ field: 'email' }] },
      { fields: [{ field: 'searchText' }] },
    ],
  },
  filter: { categories: ['contact'], eventTypes: CONTACT_EVENT_TYPES },
  keys: (event): DocKey[] => [{ collection: CONTACTS, id: String(event.data.contactId) }],
  apply(event, docs) {
    const id = String(event.data.contactId);
    const at = occurredAt(event);
    const contact = event as unknown as ContactEvent;
    const next = contact.type === 'ContactAdded' ? added(contact.data, at) : evolve(requireDoc(docs, CONTACTS, id, event), contact);
    return new Map([[docKey(CONTACTS, id), { ...next, updatedAt: at, revision: event.revision }]]);
  },
};
