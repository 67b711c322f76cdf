import type { ContactEvent, OpportunityEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection, type ProjectionLookup } from '../projection';
import { occurredAt } from '../projection-helpers';
import { versionBefore, versionDocsIn, versionId, versionKeys, withVersions, writeVersion } from '../pipeline/contribution-versions';
import { accountEventOf, contactEventOf, opportunityEventOf, uniqueKeys } from '../pipeline/domain-event';
import { emptyAccount, evolveAccountDoc, type AccountDoc } from './account-doc';
import {
  contactEventMovesCounts,
  nextContactLink,
  nextOpportunityLink,
  opportunityEventMovesSums,
  shiftContact,
  shiftOpportunity,
  type ContactLink,
  type OpportunityLink,
} from './account-links';

export const ACCOUNTS = 'accounts';
export const ACCOUNT_CONTACTS = 'account_contacts';
export const ACCOUNT_OPPORTUNITIES = 'account_opportunities';

/** A version of a contact's link to its account, in force from `revision` of the contact's stream. */
export type AccountContactDoc = ContactLink & { id: string; contactId: string; revision: number };
/** A version of an opportunity's share of its account's sums, from `revision` of the opportunity's stream. */
export type AccountOpportunityDoc = OpportunityLink & { id: string; opportunityId: string; revision: number };

type Link = ContactLink | OpportunityLink;
type LinkDoc = Link & { id: string; revision: number };

/** What differs between the contact and the opportunity side of an account's figures. */
interface LinkKind<L extends Link, E> {
  collection: string;
  entityField: 'contactId' | 'opportunityId';
  entityId(event: E): string;
  next(before: L | null, event: E): L | null;
  /** A stand-in rebuilt from a version id, enough for `keys` to name the accounts involved. */
  inAccount(accountId: string): L;
  linkOf(doc: LinkDoc): L;
  shift(doc: AccountDoc, link: L | null, sign: 1 | -1): AccountDoc;
}

const contacts: LinkKind<ContactLink, ContactEvent> = {
  collection: ACCOUNT_CONTACTS,
  entityField: 'contactId',
  entityId: (event) => event.data.contactId,
  next: nextContactLink,
  inAccount: (accountId) => ({ accountId, status: 'ACTIVE' }),
  linkOf: (doc) => ({ accountId: doc.accountId, status: (doc as AccountContactDoc).status }),
  shift: shiftContact,
};

const opportunities: LinkKind<OpportunityLink, OpportunityEvent> = {
  collection: ACCOUNT_OPPORTUNITIES,
  entityField: 'opportunityId',
  entityId: (event) => event.data.opportunityId,
  next: nextOpportunityLink,
  // keys only reads the account id; the amount is never summed.
  inAccount: (accountId) => ({ accountId, status: 'OPEN', amount: { amount: '0', currency: 'EUR' } }),
  linkOf: (doc) => {
    const { accountId, status, amount } = doc as AccountOpportunityDoc;
    return { accountId, status, amount };
  },
  shift: shiftOpportunity,
};

const accountKey = (id: string): DocKey => ({ collection: ACCOUNTS, id });

function linkKeys<L extends Link, E>(kind: LinkKind<L, E>, event: RecordedEvent, domainEvent: E, lookup: ProjectionLookup) {
  const entityId = kind.entityId(domainEvent);
  const entity = { field: kind.entityField, id: entityId, revision: event.revision };
  return withVersions(lookup, kind.collection, entity, (versions) => {
    const beforeRef = versionBefore(versions, event.revision);
    const before = beforeRef === null ? null : kind.inAccount(beforeRef.slot.join('|'));
    const after = kind.next(before, domainEvent);
    const newId = after === null ? null : versionId(entityId, event.revision, [after.accountId]);
    const accounts = [before, after].flatMap((link) => (link === null ? [] : [accountKey(link.accountId)]));
    return uniqueKeys([...versionKeys(kind.collection, versions, event.revision, newId), ...accounts]);
  });
}

function keys(event: RecordedEvent, lookup: ProjectionLookup): DocKey[] | Promise<DocKey[]> {
  const accountEvent = accountEventOf(event);
  if (accountEvent !== null) return [accountKey(accountEvent.data.accountId)];
  const contactEvent = contactEventOf(event);
  if (contactEvent !== null && contactEventMovesCounts(contactEvent)) return linkKeys(contacts, event, contactEvent, lookup);
  const opportunityEvent = opportunityEventOf(event);
  if (opportunityEvent !== null && opportunityEventMovesSums(opportunityEvent)) {
    return linkKeys(opportunities, event, opportunityEvent, lookup);
  }
  return [];
}

function applyLink<L extends Link, E>(
  kind: LinkKind<L, E>,
  event: RecordedEvent,
  domainEvent: E,
  docs: ReadonlyMap<string, Doc | null>,
): Map<string, Doc | null> {
  const out = new Map<string, Doc | null>();
  const versions = versionDocsIn<LinkDoc>(docs, kind.collection);
  const beforeDoc = versionBefore(versions, event.revision);
  const before = beforeDoc === null ? null : kind.linkOf(beforeDoc);
  const after = kind.next(before, domainEvent);
  if (after === null) return out;
  const entityId = kind.entityId(domainEvent);
  const id = versionId(entityId, event.revision, [after.accountId]);
  writeVersion(out, kind.collection, versions, { ...after, id, [kind.entityField]: entityId, revision: event.revision });
  const accountIds = new Set([before, after].flatMap((link) => (link === null ? [] : [link.accountId])));
  for (const accountId of accountIds) {
    const key = docKey(ACCOUNTS, accountId);
    // Only documents `keys` asked for were loaded; writing any other would overwrite unseen figures.
    if (!docs.has(key)) continue;
    const doc = (out.get(key) ?? docs.get(key) ?? emptyAccount(accountId)) as AccountDoc;
    out.set(key, kind.shift(kind.shift(doc, before, -1), after, 1));
  }
  return out;
}

function apply(event: RecordedEvent, docs: ReadonlyMap<string, Doc | null>): Map<string, Doc | null> {
  const accountEvent = accountEventOf(event);
  if (accountEvent !== null) {
    const key = docKey(ACCOUNTS, accountEvent.data.accountId);
    const doc = (docs.get(key) ?? emptyAccount(accountEvent.data.accountId)) as AccountDoc;
    return new Map([[key, evolveAccountDoc(doc, accountEvent, occurredAt(event), event.revision)]]);
  }
  const contactEvent = contactEventOf(event);
  if (contactEvent !== null && contactEventMovesCounts(contactEvent)) return applyLink(contacts, event, contactEvent, docs);
  const opportunityEvent = opportunityEventOf(event);
  if (opportunityEvent !== null && opportunityEventMovesSums(opportunityEvent)) {
    return applyLink(opportunities, event, opportunityEvent, docs);
  }
  return new Map();
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/** Accounts with their contact counts, single-threaded flag, open pipeline and won amounts. */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 1,
  collections: {
    [ACCOUNTS]: [
      on('name'),
      on('ownerId'),
      on('kind'),
      on('singleThreaded'),
      on('openOpportunityCount'),
      on('searchText'),
      on('parentAccountId'),
      on('ownerId', 'name'),
      on('kind', 'name'),
      on('singleThreaded', 'name'),
    ],
    [ACCOUNT_CONTACTS]: [on('contactId')],
    [ACCOUNT_OPPORTUNITIES]: [on('opportunityId')],
  },
  filter: { categories: ['account', 'contact', 'opportunity'] },
  keys,
  apply,
};
