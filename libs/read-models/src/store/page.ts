import type { Doc, Page } from './read-store.port';
import type { QueryPlan } from './query-plan';
import { encodeCursor } from './cursor';

/**
 * Builds a page from up to `size + 1` rows read in the plan's order: the extra row only proves there
 * is more in the direction of paging. A backward read is turned back into the sort's order.
 * `beyond`: whether an item lies at or beyond the cursor the page started from (the other flag).
 * `totalCount`: null when the caller asked for no count (`totalCount: false`).
 * `relevances`: each row's search score, in the rows' order, for a relevance order.
 */
export function toPage<T extends Doc>(rows: T[], plan: QueryPlan, totalCount: number | null, beyond: boolean, relevances: readonly number[] = []): Page<T> {
  const items = rows.slice(0, plan.size);
  const cursors = items.map((doc, i) => encodeCursor(doc, plan.sort, plan.search, relevances[i]));
  if (plan.backward) {
    items.reverse();
    cursors.reverse();
  }
  const more = rows.length > plan.size;
  return {
    items,
    cursors,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
    hasNextPage: plan.backward ? beyond : more,
    hasPreviousPage: plan.backward ? more : beyond,
    totalCount,
  };
}

/**
 * A page per wanted group from the rows of every group (each group's rows in the plan's order), the
 * groups' totals and the groups with an item beyond their starting cursor.
 */
export function groupedPages<T extends Doc>(
  plan: QueryPlan & { groups: string[] },
  rows: ReadonlyArray<{ group: string; doc: T }>,
  totals: ReadonlyMap<string, number>,
  beyond: ReadonlySet<string>,
): Map<string, Page<T>> {
  const byGroup = new Map<string, T[]>(plan.groups.map((group) => [group, []]));
  for (const { group, doc } of rows) byGroup.get(group)?.push(doc);
  return new Map([...byGroup].map(([group, docs]) => [group, toPage(docs, plan, totals.get(group) ?? 0, beyond.has(group))]));
}
