import type { AccountEvent } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import { nextContactLink, type ContactLinkEvent } from '../accounts/account-links';
import { currentPeriodId, nextPeriods, type MemberKind, type MembershipDoc, type Standing } from './membership-doc';

export const MEMBERSHIPS = 'memberships';

type MembershipEvent = RecordedEvent & (AccountEvent | ContactLinkEvent);

/** The event types that can change where a member belongs or how it counts there. */
const EVENT_TYPES = ['AccountRegistered', 'AccountDetailsUpdated', 'ContactAdded', 'ContactMoved', 'ContactLeft'] as const;

type Change = { member: { kind: MemberKind; memberId: string }; next: Standing };

/**
 * The member an event is about and where it belongs after it (a contact by the accounts read model's
 * own link rule), or null when the event changes no membership (a rename).
 */
function changeOf(event: MembershipEvent): Change | null {
  switch (event.type) {
    case 'AccountRegistered':
      return { member: { kind: 'CHILD', memberId: event.data.accountId }, next: { accountId: event.data.parentAccountId, status: null } };
    case 'AccountDetailsUpdated': {
      const parent = event.data.changes.parentAccountId;
      return parent === undefined ? null : { member: { kind: 'CHILD', memberId: event.data.accountId }, next: { accountId: parent, status: null } };
    }
    case 'ContactAdded':
    case 'ContactMoved':
    case 'ContactLeft': {
      const link = nextContactLink(event);
      return { member: { kind: 'CONTACT', memberId: link.id }, next: { accountId: link.accountId, status: link.status } };
    }
    default:
      return null;
  }
}

function prefetch(recorded: RecordedEvent): DocKey[] {
  const change = changeOf(recorded as MembershipEvent);
  return change === null ? [] : [{ collection: MEMBERSHIPS, id: currentPeriodId(change.member.kind, change.member.memberId) }];
}

function apply(recorded: RecordedEvent, docs: ProjectionDocs): void {
  const change = changeOf(recorded as MembershipEvent);
  if (change === null) return;
  const { member, next } = change;
  const current = docs.get<MembershipDoc>(MEMBERSHIPS, currentPeriodId(member.kind, member.memberId));
  // Instants are compared as text: one format for all of them.
  const at = new Date(occurredAt(recorded)).toISOString();
  for (const doc of nextPeriods(current, member, next, at, recorded.revision)) docs.put(MEMBERSHIPS, doc);
}

/**
 * Who belonged to which account when: the periods of contacts at accounts (contacts move) and of
 * accounts under parents, so an account as of any instant finds its contacts and children, and
 * counts its contacts, without reading the log.
 */
export const membershipsProjection: Projection = {
  name: 'memberships',
  version: 1,
  collections: {
    // An account's members of one kind at an instant, in the order they joined.
    [MEMBERSHIPS]: [{ fields: [{ field: 'accountId' }, { field: 'kind' }, { field: 'joinedAt' }] }],
  },
  filter: { categories: ['account', 'contact'], eventTypes: EVENT_TYPES },
  prefetch,
  apply,
};
