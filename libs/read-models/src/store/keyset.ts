import type { JsonScalar } from './json';
import type { SortKey } from './read-store.port';

/** A comparison on one sort key, in terms both adapters can express (null = null or missing; `id` is never null). */
export type KeyAtom =
  | { field: string; op: 'null' | 'notNull' }
  | { field: string; op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'ltOrNull' | 'lteOrNull'; value: Exclude<JsonScalar, null> };

/**
 * Keyset continuation "strictly after (v1..vn)" under the store's order, where null sorts
 * lowest: the OR of branches `k1 = v1 AND .. AND k(i-1) = v(i-1) AND ki after vi`, plus a
 * redundant bound on the first key so an index range can start at the cursor.
 */
export interface Keyset {
  bound: KeyAtom | null;
  branches: KeyAtom[][];
}

/**
 * The items strictly after `values` in `sort` order; with `inclusive`, the item at `values` too.
 * The last key is `id`, unique and never null, so "at or after" only relaxes its own comparison.
 */
export function keysetAfter(sort: SortKey[], values: JsonScalar[], options: { inclusive?: boolean } = {}): Keyset {
  const branches: KeyAtom[][] = [];
  const last = sort.length - 1;
  for (let i = 0; i < sort.length; i++) {
    const after = i === last && options.inclusive === true ? atOrAfter(sort[i], values[i]) : strictlyAfter(sort[i], values[i]);
    if (after !== null) branches.push([...sort.slice(0, i).map((key, j) => equal(key.field, values[j])), after]);
  }
  return { bound: leadingBound(sort[0], values[0]), branches };
}

/**
 * The same keys in the opposite directions. Null sorts lowest in both directions, so this is
 * exactly the reverse order: paging backwards is paging forwards in it.
 */
export const reverseSort = (sort: SortKey[]): SortKey[] =>
  sort.map((key) => ({ field: key.field, direction: key.direction === 'asc' ? 'desc' : 'asc' }));

function equal(field: string, value: JsonScalar): KeyAtom {
  return value === null ? { field, op: 'null' } : { field, op: 'eq', value };
}

function strictlyAfter(key: SortKey, value: JsonScalar): KeyAtom | null {
  if (key.direction === 'asc') return value === null ? { field: key.field, op: 'notNull' } : { field: key.field, op: 'gt', value };
  if (value === null) return null;
  return { field: key.field, op: key.field === 'id' ? 'lt' : 'ltOrNull', value };
}

/** Only for the final `id` key, which is a non-null string. */
function atOrAfter(key: SortKey, value: JsonScalar): KeyAtom {
  return { field: key.field, op: key.direction === 'asc' ? 'gte' : 'lte', value: value as string };
}

function leadingBound(key: SortKey, value: JsonScalar): KeyAtom | null {
  if (key.direction === 'asc') return value === null ? null : { field: key.field, op: 'gte', value };
  if (value === null) return { field: key.field, op: 'null' };
  return { field: key.field, op: key.field === 'id' ? 'lte' : 'lteOrNull', value };
}
