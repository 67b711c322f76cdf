import type { Doc, Page } from './read-store.port';
import type { QueryPlan } from './query-plan';
import { encodeCursor } from './cursor';

/**
 * Builds a page from up to `first + 1` fetched rows: the extra row only proves there is a next page.
 * `relevances`: each row's search score, for a relevance order.
 */
export function toPage<T extends Doc>(rows: T[], plan: QueryPlan, totalCount: number, relevances: readonly number[] = []): Page<T> {
  const items = rows.slice(0, plan.first);
  const cursors = items.map((doc, i) => encodeCursor(doc, plan.sort, plan.search, relevances[i]));
  return {
    items,
    cursors,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
    hasNextPage: rows.length > plan.first,
    totalCount,
  };
}
