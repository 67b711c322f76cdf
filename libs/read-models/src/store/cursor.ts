import type { JsonScalar, JsonValue } from './json';
import { InvalidQueryError } from './read-store.errors';
import { RELEVANCE, type Doc, type SortKey } from './read-store.port';
import { getPath } from './doc-path';
import { searchKey, type SearchPlan } from './search/search-plan';

/**
 * A cursor is base64url JSON `{ s, v }`: the sort signature it was made for and the sort-key
 * values (ending with id) of an item. A cursor from another sort is refused rather than
 * silently paging a different order. In a relevance order the signature names the search too, and
 * the item's score (`relevance`, which the document does not hold) is its relevance key.
 */
export function encodeCursor(doc: Doc, sort: SortKey[], search: SearchPlan | null = null, relevance = 0): string {
  const values = sort.map((key) => (key.field === RELEVANCE ? relevance : sortValue(doc, key.field)));
  return Buffer.from(JSON.stringify({ s: signature(sort, search), v: values }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown, sort: SortKey[], search: SearchPlan | null = null, field: 'after' | 'before' = 'after'): JsonScalar[] {
  const parsed = typeof cursor === 'string' && /^[A-Za-z0-9_-]{1,4096}$/.test(cursor) ? parseJson(cursor) : undefined;
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    (parsed as { s?: unknown }).s === signature(sort, search) &&
    Array.isArray((parsed as { v?: unknown }).v) &&
    isKeyTuple((parsed as { v: unknown[] }).v, sort.length);
  if (!valid) throw new InvalidQueryError(`${field} is not a cursor of this query (malformed, or made for another sort)`, field);
  return (parsed as { v: JsonScalar[] }).v;
}

/** Missing sort fields are encoded as null: missing and null are one sort key. */
function sortValue(doc: Doc, field: string): JsonScalar {
  const value: JsonValue | undefined = getPath(doc, field);
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') {
    throw new InvalidQueryError(`sort field ${field} holds an array or object in document ${doc.id}; sort fields must be scalars`, 'sort.field');
  }
  return value;
}

function signature(sort: SortKey[], search: SearchPlan | null): string {
  return sort.map((key) => `${key.field === RELEVANCE ? `${RELEVANCE}(${searchKey(search)})` : key.field}:${key.direction}`).join(',');
}

function parseJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isKeyTuple(values: unknown[], length: number): boolean {
  if (values.length !== length || typeof values[length - 1] !== 'string') return false;
  return values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)));
}
