import type { AccountEvent, OpportunityStatus } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { DocKey, Projection, ProjectionDocs } from '../projection';
import { occurredAt } from '../projection-helpers';
import type { MoneyDoc } from '../money';
import { nextContactLink, nextOpportunityLink, type ContactLinkEvent, type OpportunityLinkEvent } from '../accounts/account-links';
import { currentPeriodId, nextPeriods, type MemberKind, type MembershipDoc, type Standing } from './membership-doc';

export const MEMBERSHIPS = 'memberships';

type MembershipEvent = RecordedEvent & (AccountEvent | ContactLinkEvent | OpportunityLinkEvent);

/** The event types that can change where a member belongs or how it counts there. */
const EVENT_TYPES = [
  'AccountRegistered', 'AccountDetailsUpdated',
  'ContactAdded', 'ContactMoved', 'ContactLeft',
  'OpportunityOpened', 'OpportunityWon', 'OpportunityLost', 'OpportunityReopened', 'OpportunityRevised',
] as const;

/** The member an event is about, or null when it changes no membership (a rename, a revision of the name). */
function memberOf(event: MembershipEvent): { kind: MemberKind; memberId: string } | null {
  switch (event.type) {
    case 'AccountRegistered':
      return { kind: 'CHILD', memberId: event.data.accountId };
    case 'AccountDetailsUpdated':
      return event.data.changes.parentAccountId === undefined ? null : { kind: 'CHILD', memberId: event.data.accountId };
    case 'ContactAdded':
    case 'ContactMoved':
    case 'ContactLeft':
      return { kind: 'CONTACT', memberId: event.data.contactId };
    case 'OpportunityRevised':
      return event.data.changes.amount === undefined ? null : { kind: 'OPPORTUNITY', memberId: event.data.opportunityId };
    case 'OpportunityOpened':
    case 'OpportunityWon':
    case 'OpportunityLost':
    case 'OpportunityReopened':
      return { kind: 'OPPORTUNITY', memberId: event.data.opportunityId };
    default:
      return null;
  }
}

/** The member's standing after the event, as the accounts read model counts it (same link rules). */
function standingAfter(event: MembershipEvent, kind: MemberKind, current: MembershipDoc | null): Standing | null {
  if (kind === 'CHILD') {
    const account = event as AccountEvent;
    const parent = account.type === 'AccountRegistered' ? account.data.parentAccountId : account.type === 'AccountDetailsUpdated' ? account.data.changes.parentAccountId : null;
    return { accountId: parent ?? null, status: null, amount: null };
  }
  if (kind === 'CONTACT') {
    const link = nextContactLink(event as ContactLinkEvent);
    return { accountId: link.accountId, status: link.status, amount: null };
  }
  const opportunity = event as OpportunityLinkEvent;
  const before = current === null || current.accountId === null
    ? null
    : { id: current.memberId, accountId: current.accountId, status: current.status as OpportunityStatus, amount: current.amount as MoneyDoc };
  const link = nextOpportunityLink(before, opportunity);
  return link === null ? null : { accountId: link.accountId, status: link.status, amount: link.amount };
}

function prefetch(recorded: RecordedEvent): DocKey[] {
  const member = memberOf(recorded as MembershipEvent);
  return member === null ? [] : [{ collection: MEMBERSHIPS, id: currentPeriodId(member.kind, member.memberId) }];
}

function apply(recorded: RecordedEvent, docs: ProjectionDocs): void {
  const event = recorded as MembershipEvent;
  const member = memberOf(event);
  if (member === null) return;
  const current = docs.get<MembershipDoc>(MEMBERSHIPS, currentPeriodId(member.kind, member.memberId));
  const next = standingAfter(event, member.kind, current);
  if (next === null) return;
  // Instants are compared as text: one format for all of them.
  const at = new Date(occurredAt(recorded)).toISOString();
  for (const doc of nextPeriods(current, member, next, at, recorded.revision)) docs.put(MEMBERSHIPS, doc);
}

/**
 * Who belonged to which account when: the periods of contacts, opportunities and child accounts, so
 * an account as of any instant finds its members (and their figures) without reading the log.
 */
export const membershipsProjection: Projection = {
  name: 'memberships',
  version: 1,
  collections: {
    // An account's members of one kind at an instant, in the order they joined.
    [MEMBERSHIPS]: [{ fields: [{ field: 'accountId' }, { field: 'kind' }, { field: 'joinedAt' }] }],
  },
  filter: { categories: ['account', 'contact', 'opportunity'], eventTypes: EVENT_TYPES },
  prefetch,
  apply,
};
