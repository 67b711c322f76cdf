import type { Document } from 'mongodb';
import type { Condition, FilterPlan, QueryPlan } from '../query-plan';
import type { KeyAtom, Keyset } from '../keyset';
import { RELEVANCE, type Doc, type SortKey } from '../read-store.port';
import type { NormalizedIndex } from '../index-spec';
import type { SearchSpec } from '../search/search-fields';
import { prefixUpperBound } from '../doc-path';
import { RELEVANCE_FIELD, SEARCH_FIELD, relevanceToMongo, searchEntries, searchToMongo } from './mongo-search';

/** A document as stored: `id` travels as `_id`, so the primary key serves lookups and the tie-breaker. */
export type StoredDoc = { _id: string } & Document;

export const mongoField = (field: string): string => (field === 'id' ? '_id' : field === RELEVANCE ? RELEVANCE_FIELD : field);

/** A searchable collection's documents carry their words (see mongo-search.ts). */
export function toStored(doc: Doc, search: SearchSpec | null = null): StoredDoc {
  const { id, ...rest } = doc;
  return search === null ? { _id: id, ...rest } : { _id: id, ...rest, [SEARCH_FIELD]: searchEntries(doc, search) };
}

/** Leaves out what the store keeps for itself: the words of a searchable document, a page's scores. */
export const STORED_ONLY = { [SEARCH_FIELD]: 0 } as const;

export function fromStored<T extends Doc>(stored: Document): T {
  const { _id, [SEARCH_FIELD]: _words, [RELEVANCE_FIELD]: _score, ...rest } = stored;
  return { id: _id as string, ...rest } as T;
}

/**
 * MongoDB's own semantics already match the contract: `{f: null}` matches null or missing,
 * `$ne` matches missing, and range operators only match the operand's type bracket.
 */
export function conditionToMongo(condition: Condition): Document {
  const field = mongoField(condition.field);
  switch (condition.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'exists':
      return { [field]: { [`$${condition.op}`]: condition.value } };
    case 'in':
      return { [field]: { $in: condition.values } };
    case 'prefix': {
      const upper = prefixUpperBound(condition.value);
      return { [field]: upper === null ? { $gte: condition.value } : { $gte: condition.value, $lt: upper } };
    }
  }
}

export function filterToMongo(plan: FilterPlan): Document {
  const terms = [...plan.conditions.map(conditionToMongo), ...searchToMongo(plan.search?.words ?? [])];
  return terms.length === 0 ? {} : { $and: terms };
}

function atomToMongo(atom: KeyAtom): Document {
  const field = mongoField(atom.field);
  if (!('value' in atom)) return atom.op === 'null' ? { [field]: null } : { [field]: { $ne: null } };
  if (atom.op === 'ltOrNull' || atom.op === 'lteOrNull') {
    return { $or: [{ [field]: { [atom.op === 'ltOrNull' ? '$lt' : '$lte']: atom.value } }, { [field]: null }] };
  }
  return { [field]: { [`$${atom.op}`]: atom.value } };
}

export function keysetToMongo(keyset: Keyset): Document {
  const branches = keyset.branches.map((branch) => ({ $and: branch.map(atomToMongo) }));
  const after = branches.length === 0 ? { _id: { $in: [] } } : { $or: branches };
  return keyset.bound === null ? after : { $and: [atomToMongo(keyset.bound), after] };
}

export function sortToMongo(sort: SortKey[]): Record<string, 1 | -1> {
  return Object.fromEntries(sort.map((key) => [mongoField(key.field), key.direction === 'asc' ? 1 : -1]));
}

export function indexToMongo(index: NormalizedIndex): { key: Record<string, 1 | -1>; name: string; unique?: true } {
  const key = Object.fromEntries(index.keys.map((k) => [mongoField(k.field), k.direction]));
  return index.unique ? { key, name: index.name, unique: true } : { key, name: index.name };
}

/** The score of each matching document, added as a field that sorts and pages like any other. */
const scored = (plan: QueryPlan, filter: Document): Document[] => [
  { $match: filter },
  { $addFields: { [RELEVANCE_FIELD]: relevanceToMongo(plan.search?.words ?? []) } },
];

/** A relevance page: the score is computed for the matching documents, then sorted on and paged like a field. */
export function relevancePage(plan: QueryPlan, filter: Document): Document[] {
  return [
    ...scored(plan, filter),
    ...plan.bounds.map((bound) => ({ $match: keysetToMongo(bound) })),
    { $sort: sortToMongo(plan.order) },
    { $limit: plan.size + 1 },
    { $project: STORED_ONLY },
  ];
}

/** Whether a relevance order holds an item at or beyond the page's starting cursor: at most one document. */
export function relevanceBeyond(plan: QueryPlan, filter: Document, beyond: Keyset): Document[] {
  return [...scored(plan, filter), { $match: keysetToMongo(beyond) }, { $limit: 1 }, { $project: { _id: 1 } }];
}
