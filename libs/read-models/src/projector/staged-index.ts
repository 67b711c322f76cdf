import type { Doc, FieldFilter, Filter } from '../store/read-store.port';
import type { JsonScalar } from '../store/json';

/** A filter the applier can evaluate in memory: per field, equality with one of some scalars. */
export type EqualityFilter = Array<{ field: string; values: Set<string> }>;

const scalarKey = (value: unknown): string => (value === undefined || value === null ? 'null' : `${typeof value}:${String(value)}`);

const fieldOf = (doc: Doc, path: string): unknown => {
  let value: unknown = doc;
  for (const part of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
};

const isScalar = (value: unknown): value is JsonScalar => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The equality form of a filter, or null when it uses operators only the store evaluates. */
export const equalityFilter = (filter: Filter): EqualityFilter | null => {
  const fields: EqualityFilter = [];
  for (const [field, condition] of Object.entries(filter)) {
    const values = equalityValues(condition);
    if (values === null) return null;
    fields.push({ field, values: new Set(values.map(scalarKey)) });
  }
  return fields.length === 0 ? null : fields;
};

const equalityValues = (condition: FieldFilter): JsonScalar[] | null => {
  if (isScalar(condition)) return [condition];
  const keys = Object.keys(condition);
  if (keys.length !== 1) return null;
  if (condition.$eq !== undefined) return [condition.$eq];
  return condition.$in ?? null;
};

export const matchesEquality = (doc: Doc, filter: EqualityFilter): boolean =>
  filter.every(({ field, values }) => values.has(scalarKey(fieldOf(doc, field))));

/**
 * Documents staged since the last write, indexed by the fields lookups ask for, so a lookup can be
 * answered as "the store, corrected by what this batch changed" without writing the batch first.
 */
export class StagedIndex {
  private readonly byField = new Map<string, Map<string, Set<string>>>();

  /** Ids of staged documents whose `field` equals one of `values`; builds the field's index on first use. */
  candidates(collection: string, field: string, values: Set<string>, staged: Iterable<[string, Doc | null]>): Set<string> {
    const index = this.indexFor(collection, field, staged);
    const ids = new Set<string>();
    for (const value of values) index.get(value)?.forEach((id) => ids.add(id));
    return ids;
  }

  /** Keeps built indexes current as documents are staged. */
  staged(collection: string, id: string, before: Doc | null, after: Doc | null): void {
    for (const [name, index] of this.byField) {
      const [indexCollection, field] = name.split('\u0000');
      if (indexCollection !== collection) continue;
      if (before !== null) index.get(scalarKey(fieldOf(before, field)))?.delete(id);
      if (after !== null) this.add(index, scalarKey(fieldOf(after, field)), id);
    }
  }

  clear(): void {
    this.byField.clear();
  }

  private indexFor(collection: string, field: string, staged: Iterable<[string, Doc | null]>): Map<string, Set<string>> {
    const name = `${collection}\u0000${field}`;
    let index = this.byField.get(name);
    if (index === undefined) {
      index = new Map();
      for (const [id, doc] of staged) if (doc !== null) this.add(index, scalarKey(fieldOf(doc, field)), id);
      this.byField.set(name, index);
    }
    return index;
  }

  private add(index: Map<string, Set<string>>, value: string, id: string): void {
    const ids = index.get(value) ?? new Set<string>();
    index.set(value, ids.add(id));
  }
}
