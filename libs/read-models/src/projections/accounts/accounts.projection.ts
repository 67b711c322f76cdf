import type { AccountEvent, ContactEvent, OpportunityEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { emptyAccount, evolveAccountDoc, type AccountDoc } from './account-doc';
import {
  nextContactLink,
  nextOpportunityLink,
  recountContacts,
  recountOpportunities,
  sameContactLink,
  sameOpportunityLink,
  type ContactLink,
  type ContactLinkEvent,
  type OpportunityLink,
  type OpportunityLinkEvent,
} from './account-links';

export const ACCOUNTS = 'accounts';
/** Per contact (id = contact id): the account it counts at now, and whether active there. */
export const ACCOUNT_CONTACTS = 'account_contacts';
/** Per opportunity (id = opportunity id): the account it counts at now, its status and amount. */
export const ACCOUNT_OPPORTUNITIES = 'account_opportunities';

export type AccountContactDoc = ContactLink;
export type AccountOpportunityDoc = OpportunityLink;

type Link = ContactLink | OpportunityLink;
type Recount<L extends Link> = (doc: AccountDoc, out: L | null, into: L | null) => AccountDoc;

/** The three streams this projection reads, as the domain types them (other types fall to `default`). */
type AccountsEvent = RecordedEvent & (AccountEvent | ContactEvent | OpportunityEvent);

/** What an event does here; `null` for events that leave every document as it is. */
function routeOf(event: AccountsEvent): 'account' | 'contact' | 'opportunity' | null {
  switch (event.type) {
    case 'AccountRegistered':
    case 'AccountDetailsUpdated':
    case 'AccountAssigned':
      return 'account';
    case 'ContactAdded':
    case 'ContactMoved':
    case 'ContactLeft':
      return 'contact';
    case 'OpportunityOpened':
    case 'OpportunityWon':
    case 'OpportunityLost':
    case 'OpportunityReopened':
      return 'opportunity';
    case 'OpportunityRevised':
      return event.data.changes.amount === undefined ? null : 'opportunity';
    default:
      return null;
  }
}

const accountKey = (id: string): DocKey => ({ collection: ACCOUNTS, id });

/**
 * The account documents an event names, besides the link helper. The account a contact or
 * opportunity counted at before is named by its helper; the event's own account ids name it too in
 * practice (a move names where the contact came from), which saves a second read.
 */
function prefetch(recorded: RecordedEvent): DocKey[] {
  const event = recorded as AccountsEvent;
  switch (routeOf(event)) {
    case 'account':
      return [accountKey((event as AccountEvent).data.accountId)];
    case 'contact': {
      const contact = event as ContactLinkEvent;
      const helper = { collection: ACCOUNT_CONTACTS, id: contact.data.contactId };
      if (contact.type !== 'ContactMoved') return [helper, accountKey(contact.data.accountId)];
      const { fromAccountId, toAccountId } = contact.data;
      const into = accountKey(toAccountId);
      return fromAccountId === toAccountId ? [helper, into] : [helper, accountKey(fromAccountId), into];
    }
    case 'opportunity': {
      const { opportunityId, accountId } = (event as OpportunityLinkEvent).data;
      return [{ collection: ACCOUNT_OPPORTUNITIES, id: opportunityId }, accountKey(accountId)];
    }
    default:
      return [];
  }
}

function applyAccountEvent(docs: ProjectionDocs, event: RecordedEvent & AccountEvent): void {
  const id = event.data.accountId;
  const doc = docs.get<AccountDoc>(ACCOUNTS, id) ?? emptyAccount(id);
  const next = evolveAccountDoc(doc, event, occurredAt(event), event.revision);
  if (next !== doc) docs.put(ACCOUNTS, next);
}

function recountAccount<L extends Link>(docs: ProjectionDocs, accountId: string, out: L | null, into: L | null, recount: Recount<L>): void {
  const doc = docs.get<AccountDoc>(ACCOUNTS, accountId) ?? emptyAccount(accountId);
  const next = recount(doc, out, into);
  if (next !== doc) docs.put(ACCOUNTS, next);
}

/** Stores the entity's new link, and moves its share from the account it counted at to the new one. */
function relink<L extends Link>(docs: ProjectionDocs, helpers: string, before: L | null, after: L, recount: Recount<L>): void {
  docs.put(helpers, after);
  if (before === null || before.accountId === after.accountId) {
    recountAccount(docs, after.accountId, before, after, recount);
  } else {
    recountAccount(docs, before.accountId, before, null, recount);
    recountAccount(docs, after.accountId, null, after, recount);
  }
}

function applyContactEvent(docs: ProjectionDocs, event: ContactLinkEvent): void {
  const before = docs.get<ContactLink>(ACCOUNT_CONTACTS, event.data.contactId);
  const after = nextContactLink(event);
  if (before === null || !sameContactLink(before, after)) relink(docs, ACCOUNT_CONTACTS, before, after, recountContacts);
}

function applyOpportunityEvent(docs: ProjectionDocs, event: OpportunityLinkEvent): void {
  const before = docs.get<OpportunityLink>(ACCOUNT_OPPORTUNITIES, event.data.opportunityId);
  const after = nextOpportunityLink(before, event);
  if (after === null || (before !== null && sameOpportunityLink(before, after))) return;
  relink(docs, ACCOUNT_OPPORTUNITIES, before, after, recountOpportunities);
}

function apply(recorded: RecordedEvent, docs: ProjectionDocs): void {
  const event = recorded as AccountsEvent;
  switch (routeOf(event)) {
    case 'account':
      return applyAccountEvent(docs, event as RecordedEvent & AccountEvent);
    case 'contact':
      return applyContactEvent(docs, event as ContactLinkEvent);
    case 'opportunity':
      return applyOpportunityEvent(docs, event as OpportunityLinkEvent);
    default:
      return;
  }
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/** Accounts with their contact counts, single-threaded flag, open pipeline and won amounts. */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 3,
  collections: {
    [ACCOUNTS]: [
      // A filter on owner, kind or single-threading alone uses the compound index that starts with it.
      on('name'),
      on('openOpportunityCount'),
      // An account's children by name, a page per parent read from one index range.
      on('parentAccountId', 'name'),
      on('ownerId', 'name'),
      on('kind', 'name'),
      on('singleThreaded', 'name'),
    ],
    [ACCOUNT_CONTACTS]: [],
    [ACCOUNT_OPPORTUNITIES]: [],
  },
  search: { [ACCOUNTS]: { name: 2, domain: 1 } },
  filter: {
    categories: ['account', 'contact', 'opportunity'],
    // What `apply` changes documents for: a contact's details or a deal's stage change no account.
    eventTypes: [
      'AccountRegistered', 'AccountDetailsUpdated', 'AccountAssigned', 'ContactAdded', 'ContactMoved', 'ContactLeft',
      'OpportunityOpened', 'OpportunityWon', 'OpportunityLost', 'OpportunityReopened', 'OpportunityRevised',
    ],
  },
  prefetch,
  apply,
};
