import type { RecordedEvent } from '@crm/event-store';
import { describeRef, refOf, type ChainBreak } from './chain-break';

/**
 * A hole in a gapless log: positions between `previous` and `next` (or before the first event, or
 * after the last one up to the last position ever assigned) were removed.
 */
export const positionGap = (
  previous: RecordedEvent | null,
  next: RecordedEvent | null,
  lastAssigned: bigint | null = null,
): ChainBreak | null => {
  const from = (previous?.position ?? 0n) + 1n;
  const to = next ? next.position - 1n : (lastAssigned ?? from - 1n);
  if (to < from) return null;
  const before = previous ? refOf(previous) : null;
  const after = next ? refOf(next) : null;
  const span = from === to ? `position ${from}` : `positions ${from}..${to}`;
  const between = [before ? `after ${describeRef(before)}` : 'at the start of the log', after ? `before ${describeRef(after)}` : 'at the end of the log'];
  return {
    problem: 'POSITION_GAP',
    event: after,
    before,
    missingPositions: { from: from.toString(), to: to.toString() },
    message: `The log has no event at ${span} (${between.join(', ')}): removed from the store`,
  };
};

export const unreadable = (previous: RecordedEvent | null, error: unknown): ChainBreak => {
  // Stores read pages, so the damaged event is somewhere in the page that follows `previous`.
  const where = previous ? `after ${describeRef(refOf(previous))}` : 'near the start of the log';
  const reason = error instanceof Error ? error.message : String(error);
  return {
    problem: 'UNREADABLE',
    event: null,
    before: previous ? refOf(previous) : null,
    message: `An event ${where} cannot be read (${reason}): its stored form was damaged`,
  };
};
