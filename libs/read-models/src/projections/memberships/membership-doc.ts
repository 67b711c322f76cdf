/** What belongs to an account over time: the contacts working at it, and the accounts it is the parent of. */
export type MemberKind = 'CONTACT' | 'CHILD';

/** The end of a period that has not ended: ISO instants compare as text, and every instant is before it. */
export const STILL_CURRENT = '9999-12-31T23:59:59.999Z';

/**
 * One period during which a member belonged to an account with one standing there, [from, until) in
 * business time (the events' occurredAt). A contact belongs to the account it works at, or left from,
 * as the accounts read model counts it (status ACTIVE or LEFT); a child account has no status. Ids,
 * statuses and instants only: nothing about a person. (Opportunities never change account: those an
 * account had at an instant are the ones opened there by then, in the opportunities read model.)
 *
 * The current period of a member has the id `<kind>:<memberId>` and `until` STILL_CURRENT; a change
 * stores it again, ended, as `<kind>:<memberId>:<fromRevision>`, and opens the next under the current
 * id. A member that stops belonging anywhere (an account whose parent is removed) keeps a current
 * period whose `accountId` is null; one that never belonged anywhere has none.
 */
export type MembershipDoc = {
  id: string;
  kind: MemberKind;
  memberId: string;
  accountId: string | null;
  status: string | null;
  /** Since when the member belongs to this account, across changes of its standing there. */
  joinedAt: string;
  from: string;
  until: string;
  /** The revision of the member's stream whose event opened the period. */
  fromRevision: number;
};

/** Where a member belongs after an event, and how it counts there. */
export type Standing = { accountId: string | null; status: string | null };

export const currentPeriodId = (kind: MemberKind, memberId: string): string => `${kind}:${memberId}`;

const sameStanding = (period: MembershipDoc, next: Standing): boolean => period.accountId === next.accountId && period.status === next.status;

/**
 * The documents to store when a member's standing becomes `next` at `at`: nothing when it is the same,
 * else the current period ended at `at` (if there was one) and the new current period. A period that
 * a back-dated event ends before it began holds no instant, and so is never found.
 */
export function nextPeriods(
  current: MembershipDoc | null,
  member: { kind: MemberKind; memberId: string },
  next: Standing,
  at: string,
  revision: number,
): MembershipDoc[] {
  // Belonging nowhere needs no document until the member belonged somewhere (most accounts have no parent).
  if (current === null ? next.accountId === null : sameStanding(current, next)) return [];
  const stayed = current !== null && current.accountId === next.accountId;
  const opened: MembershipDoc = {
    id: currentPeriodId(member.kind, member.memberId),
    ...member,
    ...next,
    joinedAt: stayed ? current.joinedAt : at,
    from: at,
    until: STILL_CURRENT,
    fromRevision: revision,
  };
  return current === null ? [opened] : [{ ...current, id: `${current.id}:${current.fromRevision}`, until: at }, opened];
}
