import { InvalidQueryError } from './read-store.errors';
import type { IndexSpec } from './read-store.port';
import { assertFieldPath } from './validation';

export interface IndexKey {
  field: string;
  direction: 1 | -1;
}

/** An index as both adapters build it: a deterministic name (so re-declaring is idempotent) and the full key. */
export interface NormalizedIndex {
  name: string;
  keys: IndexKey[];
  unique: boolean;
}

/**
 * Non-unique indexes end with `id` in the last field's direction: the store's sorts end with
 * that tie-breaker, so an index on (f) then serves `ORDER BY f, id` without a sort step.
 * An index on `id` alone is the primary key and is skipped.
 */
export function normalizeIndexes(specs: readonly IndexSpec[]): NormalizedIndex[] {
  if (!Array.isArray(specs)) throw new InvalidQueryError('indexes must be an array', 'indexes');
  return specs.map(normalizeIndex).filter((index) => !(index.keys.length === 1 && index.keys[0].field === 'id'));
}

function normalizeIndex(spec: IndexSpec): NormalizedIndex {
  if (!Array.isArray(spec?.fields) || spec.fields.length === 0 || spec.fields.length > 8) {
    throw new InvalidQueryError('an index needs 1 to 8 fields', 'indexes.fields');
  }
  if (spec.unique !== undefined && typeof spec.unique !== 'boolean') throw new InvalidQueryError('unique must be a boolean', 'indexes.unique');
  const keys = spec.fields.map(({ field, direction }): IndexKey => {
    assertFieldPath(field, 'indexes.field');
    if (direction !== undefined && direction !== 1 && direction !== -1) throw new InvalidQueryError('index direction must be 1 or -1', 'indexes.direction');
    return { field, direction: direction ?? 1 };
  });
  if (new Set(keys.map((k) => k.field)).size !== keys.length) throw new InvalidQueryError('an index repeats a field', 'indexes.field');
  const unique = spec.unique === true;
  const name = keys.map((k) => `${k.field}_${k.direction}`).join('_') + (unique ? '_unique' : '');
  const last = keys[keys.length - 1];
  const full = unique || last.field === 'id' ? keys : [...keys, { field: 'id', direction: last.direction }];
  return { name, keys: full, unique };
}
