import { ValidationError } from '@crm/domain';
import { cursorOf, MAX_PAGE_SIZE, type Doc, type SortKey } from '@crm/read-models';
import type { ConnectionShape } from '../graphql/connection';

const compare = (a: unknown, b: unknown): number => (a === b ? 0 : a === null || a === undefined ? -1 : b === null || b === undefined ? 1 : a < b ? -1 : 1);

/**
 * The first page of a batch-loaded group, in the same order and with the same cursors as the read
 * store would give, so `after: endCursor` continues with a regular list query.
 */
export const firstPageOf = <T extends Doc, N>(docs: T[], sort: SortKey[], first: number, toNode: (doc: T) => N): ConnectionShape<N> => {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw ValidationError.field('first', `must be from 0 to ${MAX_PAGE_SIZE}`);
  const keys = [...sort, { field: 'id', direction: sort[sort.length - 1]?.direction ?? 'asc' } as SortKey];
  const sorted = [...docs].sort((a, b) => {
    for (const key of keys) {
      const order = compare(a[key.field], b[key.field]);
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  });
  const page = sorted.slice(0, first);
  const edges = page.map((doc) => ({ cursor: cursorOf(doc, sort), node: toNode(doc) }));
  return {
    edges,
    pageInfo: { hasNextPage: sorted.length > first, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount: sorted.length,
  };
};
