import type { AccountEvent, OpportunityEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type Projection, type ProjectionLookup } from '../projection';
import { occurredAt } from '../projection-helpers';
import { accountEventOf, opportunityEventOf } from '../pipeline/domain-event';
import { evolveOpportunityDoc, openedDoc, renamedAccount, type OpportunityDoc } from './opportunity-doc';

export const OPPORTUNITIES = 'opportunities';
export const OPPORTUNITY_ACCOUNT_NAMES = 'opportunity_account_names';

/** The account names opportunities denormalise; `revision` is the account stream's. */
export type OpportunityAccountNameDoc = { id: string; name: string; revision: number };

const opportunityKey = (id: string): DocKey => ({ collection: OPPORTUNITIES, id });
const accountNameKey = (id: string): DocKey => ({ collection: OPPORTUNITY_ACCOUNT_NAMES, id });

/** The account's new name, if the event gives one. */
function nameGiven(event: AccountEvent): string | null {
  if (event.type === 'AccountRegistered') return event.data.name;
  if (event.type === 'AccountDetailsUpdated') return event.data.changes.name ?? null;
  return null;
}

/** Synchronous for opportunity events, so the projector batches them; only account renames look up. */
function keys(event: RecordedEvent, lookup: ProjectionLookup): DocKey[] | Promise<DocKey[]> {
  const opportunityEvent = opportunityEventOf(event);
  if (opportunityEvent !== null) {
    const { opportunityId, accountId } = opportunityEvent.data;
    const opened = opportunityEvent.type === 'OpportunityOpened';
    return opened ? [opportunityKey(opportunityId), accountNameKey(accountId)] : [opportunityKey(opportunityId)];
  }
  const accountEvent = accountEventOf(event);
  if (accountEvent === null || nameGiven(accountEvent) === null) return [];
  const { accountId } = accountEvent.data;
  // Registration is included: an opportunity seen before its account (never in practice) still gets the name.
  return lookup(OPPORTUNITIES, { accountId }).then((ids) => [accountNameKey(accountId), ...ids.map(opportunityKey)]);
}

function applyToOpportunity(event: RecordedEvent, domainEvent: OpportunityEvent, docs: ReadonlyMap<string, Doc | null>) {
  const { opportunityId, accountId } = domainEvent.data;
  const key = docKey(OPPORTUNITIES, opportunityId);
  const doc = (docs.get(key) ?? null) as OpportunityDoc | null;
  const at = occurredAt(event);
  if (doc !== null && doc.revision >= event.revision) return new Map<string, Doc | null>();
  if (domainEvent.type === 'OpportunityOpened') {
    const account = (docs.get(docKey(OPPORTUNITY_ACCOUNT_NAMES, accountId)) ?? null) as OpportunityAccountNameDoc | null;
    return new Map([[key, openedDoc(domainEvent, at, event.revision, account?.name ?? null)]]);
  }
  // Any other event before OpportunityOpened has too little to build a document from.
  return doc === null ? new Map() : new Map([[key, evolveOpportunityDoc(doc, domainEvent, at, event.revision)]]);
}

function applyRename(event: RecordedEvent, accountId: string, name: string, docs: ReadonlyMap<string, Doc | null>) {
  const out = new Map<string, Doc | null>();
  const nameKey = docKey(OPPORTUNITY_ACCOUNT_NAMES, accountId);
  const known = (docs.get(nameKey) ?? null) as OpportunityAccountNameDoc | null;
  if (known === null || known.revision < event.revision) out.set(nameKey, { id: accountId, name, revision: event.revision });
  for (const [key, doc] of docs) {
    if (key.startsWith(docKey(OPPORTUNITIES, '')) && doc !== null) out.set(key, renamedAccount(doc as OpportunityDoc, name));
  }
  return out;
}

function apply(event: RecordedEvent, docs: ReadonlyMap<string, Doc | null>): Map<string, Doc | null> {
  const opportunityEvent = opportunityEventOf(event);
  if (opportunityEvent !== null) return applyToOpportunity(event, opportunityEvent, docs);
  const accountEvent = accountEventOf(event);
  const name = accountEvent === null ? null : nameGiven(accountEvent);
  if (accountEvent === null || name === null) return new Map();
  return applyRename(event, accountEvent.data.accountId, name, docs);
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/** Opportunities for lists and detail views, with the account name denormalised for display and search. */
export const opportunitiesProjection: Projection = {
  name: 'opportunities',
  version: 1,
  collections: {
    [OPPORTUNITIES]: [
      on('status'),
      on('stage'),
      on('ownerId'),
      on('accountId'),
      on('expectedCloseDate'),
      on('amountMinor'),
      on('currency'),
      on('searchText'),
      on('status', 'expectedCloseDate'),
      on('ownerId', 'expectedCloseDate'),
      on('stage', 'expectedCloseDate'),
      on('accountId', 'expectedCloseDate'),
      on('ownerId', 'status', 'expectedCloseDate'),
      on('status', 'amountMinor'),
      on('ownerId', 'amountMinor'),
      on('stage', 'amountMinor'),
    ],
    [OPPORTUNITY_ACCOUNT_NAMES]: [],
  },
  filter: { categories: ['account', 'opportunity'] },
  keys,
  apply,
};
