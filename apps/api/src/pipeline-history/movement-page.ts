import { ValidationError } from '@crm/domain';
import { moneyDocOfMinor } from '@crm/read-models';
import type { MovementBucketSource } from './movement.types';

type Entry = MovementBucketSource['entries'][number];

/** Most entries a page may hold, as in every list. */
const MAX_FIRST = 500;
const CURSOR_PREFIX = 'mv:';

export const movementCursor = (opportunityId: string): string => Buffer.from(CURSOR_PREFIX + opportunityId).toString('base64url');

function afterId(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length || movementCursor(text.slice(CURSOR_PREFIX.length)) !== cursor) {
    throw ValidationError.field('after', 'is not a cursor of a movement bucket: pass an edge cursor or endCursor from an earlier page');
  }
  return text.slice(CURSOR_PREFIX.length);
}

/** The first entry whose id comes after `id`: entries are sorted by opportunity id. */
function firstAfter(entries: readonly Entry[], id: string): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].opportunityId <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One page of a bucket's entries, forwards by opportunity id. */
export function movementPage(bucket: MovementBucketSource, currency: string, first: number | null | undefined, after: string | null | undefined) {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > MAX_FIRST) throw ValidationError.field('first', `must be an integer from 0 to ${MAX_FIRST}`);
  const start = after === null || after === undefined ? 0 : firstAfter(bucket.entries, afterId(after));
  const taken = bucket.entries.slice(start, start + size);
  const edges = taken.map((entry) => ({ cursor: movementCursor(entry.opportunityId), opportunityId: entry.opportunityId, amount: moneyDocOfMinor(entry.amountMinor, currency) }));
  return {
    edges,
    totalCount: bucket.count,
    pageInfo: {
      hasNextPage: start + size < bucket.entries.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
