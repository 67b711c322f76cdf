import { ValidationError } from '@crm/domain';
import { revisionOfCursor } from './history-entry';

export const MAX_HISTORY_PAGE = 1000;
export const DEFAULT_HISTORY_PAGE = 100;

/** Relay paging of one stream's history: `first` after `after`, or `last` before `before`. */
export interface HistoryPaging {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The revisions to read, `start..end` inclusive (none when end < start), and the page's flags. */
export interface HistoryWindow {
  start: number;
  end: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * A stream's revisions are dense from 0 and never removed, so a page is plain arithmetic on the
 * cursors' revisions and the stream's last revision: both directions are exact, with no read ahead.
 */
export function historyWindow(paging: HistoryPaging, lastRevision: number | null): HistoryWindow {
  const given = (value: unknown): boolean => value !== undefined && value !== null;
  if (given(paging.first) && given(paging.last)) {
    throw ValidationError.field('last', 'first and last cannot be used together: page forwards with first/after or backwards with last/before');
  }
  const after = given(paging.after) ? revisionOf(paging.after as string, 'after') : null;
  const before = given(paging.before) ? revisionOf(paging.before as string, 'before') : null;
  const count = (lastRevision ?? -1) + 1;
  const lower = after === null ? 0 : after + 1;
  const upper = Math.min(before ?? count, count);
  if (given(paging.last)) {
    const start = Math.max(lower, upper - size(paging.last, 'last'));
    return { start, end: upper - 1, hasPreviousPage: start > lower, hasNextPage: before !== null && before < count };
  }
  const end = Math.min(upper, lower + size(paging.first ?? DEFAULT_HISTORY_PAGE, 'first')) - 1;
  return { start: lower, end, hasNextPage: end < upper - 1, hasPreviousPage: after !== null && count > 0 };
}

function size(value: unknown, field: 'first' | 'last'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_HISTORY_PAGE) {
    throw ValidationError.field(field, `must be an integer from 0 to ${MAX_HISTORY_PAGE}`);
  }
  return value;
}

function revisionOf(cursor: string, field: 'after' | 'before'): number {
  const revision = revisionOfCursor(cursor);
  if (revision === null) throw ValidationError.field(field, 'is not a cursor of this history');
  return revision;
}
