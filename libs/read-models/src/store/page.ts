import type { Doc, Page } from './read-store.port';
import type { QueryPlan } from './query-plan';
import { encodeCursor } from './cursor';

/** Builds a page from up to `first + 1` fetched rows: the extra row only proves there is a next page. */
export function toPage<T extends Doc>(rows: T[], plan: QueryPlan, totalCount: number | null): Page<T> {
  const items = rows.slice(0, plan.first);
  return {
    items,
    startCursor: items.length === 0 ? null : encodeCursor(items[0], plan.sort),
    endCursor: items.length === 0 ? null : encodeCursor(items[items.length - 1], plan.sort),
    hasNextPage: rows.length > plan.first,
    totalCount,
  };
}
