import { assertNever, type AccountEvent, type AccountKind } from '@crm/domain';
import type { MoneyDoc } from '../money';

/**
 * One account with the figures lists filter on. `revision`, `createdAt` and `updatedAt` follow the
 * account's own stream; the counts and sums follow its contacts' and opportunities' streams.
 * - contactCount: contacts whose current account this is, whether active or left from here (a
 *   contact who left stays linked to the account they left until moved elsewhere).
 * - activeContactCount: those still active; singleThreaded when at most one is.
 * - openPipeline / wonAmount: exact totals per currency, sorted by currency, zero totals omitted.
 * `registered` is false for a document made by a contact or opportunity event seen before the
 * account's registration (never in practice: the domain checks the account exists).
 */
export type AccountDoc = {
  id: string;
  registered: boolean;
  name: string | null;
  kind: AccountKind | null;
  domain: string | null;
  industry: string | null;
  parentAccountId: string | null;
  registrationNumber: string | null;
  ownerId: string | null;
  contactCount: number;
  activeContactCount: number;
  singleThreaded: boolean;
  openOpportunityCount: number;
  openPipeline: MoneyDoc[];
  wonAmount: MoneyDoc[];
  createdAt: string | null;
  updatedAt: string | null;
  revision: number | null;
};

export const emptyAccount = (id: string): AccountDoc => ({
  id,
  registered: false,
  name: null,
  kind: null,
  domain: null,
  industry: null,
  parentAccountId: null,
  registrationNumber: null,
  ownerId: null,
  contactCount: 0,
  activeContactCount: 0,
  singleThreaded: true,
  openOpportunityCount: 0,
  openPipeline: [],
  wonAmount: [],
  createdAt: null,
  updatedAt: null,
  revision: null,
});

function changed(doc: AccountDoc, event: AccountEvent, at: string): AccountDoc {
  switch (event.type) {
    case 'AccountRegistered': {
      const { accountId: _id, ...details } = event.data;
      return { ...doc, ...details, registered: true, createdAt: at };
    }
    case 'AccountDetailsUpdated':
      return { ...doc, ...event.data.changes };
    case 'AccountAssigned':
      return { ...doc, ownerId: event.data.ownerId };
    default:
      return assertNever(event);
  }
}

/** Account events in stream order; one the document already reflects returns `doc` itself. */
export function evolveAccountDoc(doc: AccountDoc, event: AccountEvent, at: string, revision: number): AccountDoc {
  if (doc.revision !== null && doc.revision >= revision) return doc;
  return { ...changed(doc, event, at), updatedAt: at, revision };
}
