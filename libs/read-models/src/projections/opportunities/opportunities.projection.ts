import { OPPORTUNITY_EVENT_TYPES, isAccountEvent, isOpportunityEvent, type AccountEvent, type OpportunityEvent, type OpportunityOpened } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { OPPORTUNITY_ACCOUNT_NAMES, withName, withOpportunity, type OpportunityAccountNameDoc } from './opportunity-account-names';
import { evolveOpportunityDoc, openedDoc, renamedAccount, type OpportunityDoc } from './opportunity-doc';

export const OPPORTUNITIES = 'opportunities';

/** The account's new name, if the event gives one (registration included: an opportunity may be seen first). */
function nameGiven(event: AccountEvent): string | null {
  if (event.type === 'AccountRegistered') return event.data.name;
  if (event.type === 'AccountDetailsUpdated') return event.data.changes.name ?? null;
  return null;
}

function prefetch(event: RecordedEvent): DocKey[] {
  if (isOpportunityEvent(event)) {
    const { opportunityId, accountId } = (event as unknown as OpportunityEvent).data;
    const opportunity = { collection: OPPORTUNITIES, id: opportunityId };
    return event.type === 'OpportunityOpened' ? [opportunity, { collection: OPPORTUNITY_ACCOUNT_NAMES, id: accountId }] : [opportunity];
  }
  if (isAccountEvent(event)) {
    const accountEvent = event as unknown as AccountEvent;
    if (nameGiven(accountEvent) !== null) return [{ collection: OPPORTUNITY_ACCOUNT_NAMES, id: accountEvent.data.accountId }];
  }
  return [];
}

/** The opportunity joins its account's list, so later renames reach it, and takes the name known so far. */
function applyOpened(event: RecordedEvent, opened: OpportunityOpened, docs: ProjectionDocs): void {
  const { opportunityId, accountId } = opened.data;
  const names = docs.get<OpportunityAccountNameDoc>(OPPORTUNITY_ACCOUNT_NAMES, accountId);
  docs.put(OPPORTUNITIES, openedDoc(opened, occurredAt(event), event.revision, names?.name ?? null));
  docs.put(OPPORTUNITY_ACCOUNT_NAMES, withOpportunity(names, accountId, opportunityId));
}

function applyToOpportunity(event: RecordedEvent, opportunityEvent: OpportunityEvent, docs: ProjectionDocs): void {
  const doc = docs.get<OpportunityDoc>(OPPORTUNITIES, opportunityEvent.data.opportunityId);
  // Opened once, then changed in stream order: an event the document already reflects changes nothing,
  // so an opportunity keeps the account it was opened in.
  if (doc !== null && (doc.revision >= event.revision || opportunityEvent.type === 'OpportunityOpened')) return;
  if (opportunityEvent.type === 'OpportunityOpened') return applyOpened(event, opportunityEvent, docs);
  // Any other event before OpportunityOpened has too little to build a document from.
  if (doc !== null) docs.put(OPPORTUNITIES, evolveOpportunityDoc(doc, opportunityEvent, occurredAt(event), event.revision));
}

/** Every opportunity of the account takes the new name; the helper lists them. */
function applyRename(accountId: string, name: string, docs: ProjectionDocs): void {
  const names = docs.get<OpportunityAccountNameDoc>(OPPORTUNITY_ACCOUNT_NAMES, accountId);
  if (names !== null && names.name === name) return;
  const next = withName(names, accountId, name);
  docs.put(OPPORTUNITY_ACCOUNT_NAMES, next);
  for (const opportunityId of next.opportunityIds) {
    const doc = docs.get<OpportunityDoc>(OPPORTUNITIES, opportunityId);
    if (doc !== null) docs.put(OPPORTUNITIES, renamedAccount(doc, name));
  }
}

function apply(event: RecordedEvent, docs: ProjectionDocs): void {
  if (isOpportunityEvent(event)) return applyToOpportunity(event, event as unknown as OpportunityEvent, docs);
  if (!isAccountEvent(event)) return;
  const accountEvent = event as unknown as AccountEvent;
  const name = nameGiven(accountEvent);
  if (name !== null) applyRename(accountEvent.data.accountId, name, docs);
}

const on = (...fields: string[]) => ({ fields: fields.map((field) => ({ field })) });

/**
 * Opportunities for lists and detail views, with the account name denormalised for display and search.
 * Amounts are sorted and filtered within a currency, on `amountKey` (exact, see amount-key.ts): every
 * amount index starts with the currency. Version 4 replaced the minor units as a number by that key;
 * version 5 added the pipeline and stopped storing the probability and weighted amount, which follow
 * the pipeline's definition (`stagePricing`).
 */
export const opportunitiesProjection: Projection = {
  name: 'opportunities',
  version: 5,
  collections: {
    [OPPORTUNITIES]: [
      // A filter on one field alone uses a compound index that starts with it (status, stage, owner, account, currency, pipeline).
      on('expectedCloseDate'),
      on('currency', 'amountKey'),
      on('status', 'expectedCloseDate'),
      on('ownerId', 'expectedCloseDate'),
      on('stage', 'expectedCloseDate'),
      on('accountId', 'expectedCloseDate'),
      on('ownerId', 'status', 'expectedCloseDate'),
      on('status', 'currency', 'amountKey'),
      on('ownerId', 'currency', 'amountKey'),
      on('stage', 'currency', 'amountKey'),
      // Stage keys are per pipeline: a pipeline's list, alone or at some of its stages.
      on('pipelineId', 'expectedCloseDate'),
      on('pipelineId', 'stage', 'expectedCloseDate'),
    ],
    [OPPORTUNITY_ACCOUNT_NAMES]: [],
  },
  search: { [OPPORTUNITIES]: { name: 2, accountName: 1 } },
  // Of an account's events, only those that can name it.
  filter: { categories: ['account', 'opportunity'], eventTypes: [...OPPORTUNITY_EVENT_TYPES, 'AccountRegistered', 'AccountDetailsUpdated'] },
  prefetch,
  apply,
};
