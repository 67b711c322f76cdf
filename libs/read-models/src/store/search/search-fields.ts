import type { Doc } from '../read-store.port';
import { InvalidQueryError } from '../read-store.errors';
import { getPath } from '../doc-path';
import { assertFieldPath } from '../validation';
import { storedWords } from './search-words';

/**
 * A collection's searchable fields: dotted path -> weight (an integer from 1 to MAX_SEARCH_WEIGHT).
 * A match in a field of weight 2 counts twice what one of weight 1 does (see relevance in the README).
 */
export type SearchFields = Readonly<Record<string, number>>;

export const MAX_SEARCH_WEIGHT = 9;

/** Validated search fields: by weight (highest first) then path, so equal declarations compare equal. */
export interface SearchSpec {
  fields: ReadonlyArray<readonly [field: string, weight: number]>;
  /** The distinct weights, highest first. */
  weights: readonly number[];
}

export function normalizeSearchFields(fields: unknown): SearchSpec {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Object.keys(fields).length === 0) {
    throw new InvalidQueryError('search fields must be a non-empty object of field paths to weights', 'search');
  }
  const entries = Object.entries(fields as Record<string, unknown>).map(([field, weight]): [string, number] => {
    assertFieldPath(field, 'search.field');
    if (field === 'id') throw new InvalidQueryError('id cannot be a search field', 'search.field');
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > MAX_SEARCH_WEIGHT) {
      throw new InvalidQueryError(`the weight of search field ${field} must be an integer from 1 to ${MAX_SEARCH_WEIGHT}`, 'search.weight');
    }
    return [field, weight];
  });
  entries.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return { fields: entries, weights: [...new Set(entries.map(([, weight]) => weight))] };
}

export const sameSearchSpec = (a: SearchSpec, b: SearchSpec): boolean => JSON.stringify(a.fields) === JSON.stringify(b.fields);

/**
 * Every word of the document's searchable fields with the highest weight of a field it is in, in a
 * stable order (fields by weight, then words as they come), so an unchanged document gives the same
 * words and its index entries are left alone. Only string values have words.
 */
export function documentWords(doc: Doc, spec: SearchSpec): Map<string, number> {
  const words = new Map<string, number>();
  for (const [field, weight] of spec.fields) {
    const value = getPath(doc, field);
    if (typeof value !== 'string') continue;
    for (const word of storedWords(value)) if (!words.has(word)) words.set(word, weight);
  }
  return words;
}
