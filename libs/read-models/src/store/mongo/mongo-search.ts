import type { ClientSession, Db, Document } from 'mongodb';
import type { Doc } from '../read-store.port';
import { InvalidQueryError } from '../read-store.errors';
import { prefixUpperBound } from '../doc-path';
import { documentWords, normalizeSearchFields, sameSearchSpec, type SearchSpec } from '../search/search-fields';
import { isDuplicateKey } from './mongo-errors';

/**
 * Search on MongoDB. `$text` finds whole words only, so a searchable document carries its words instead:
 * `_search: [{ w: 'anne', k: 2 }, ...]` (word, weight), with a multikey index on `_search.w`. Each asked
 * word is a range of that index (`$elemMatch`, so both bounds hold for one word); the score is computed
 * from the same array (relevanceToMongo), as SQLite computes it from its word columns.
 */
export const SEARCH_FIELD = '_search';
/** The score, added to the documents of a relevance page and removed before they are returned. */
export const RELEVANCE_FIELD = '_relevance';
export const SEARCH_INDEX = { key: { [`${SEARCH_FIELD}.w`]: 1 as const }, name: `${SEARCH_FIELD}.w_1` };

export type SearchEntry = { w: string; k: number };

export const searchEntries = (doc: Doc, spec: SearchSpec): SearchEntry[] => Array.from(documentWords(doc, spec), ([w, k]) => ({ w, k }));

/** One condition per asked word: some word of the document starts with it. */
export function searchToMongo(words: readonly string[]): Document[] {
  return words.map((word) => {
    const upper = prefixUpperBound(word);
    return { [SEARCH_FIELD]: { $elemMatch: { w: upper === null ? { $gte: word } : { $gte: word, $lt: upper } } } };
  });
}

/** Per asked word, the best of its matches (weight x 2 for the whole word, x 1 for a longer word it starts), summed. */
export function relevanceToMongo(words: readonly string[]): Document {
  if (words.length === 0) return { $literal: 0 };
  const best = (word: string): Document => {
    const asked = { $literal: word };
    const starts = { $eq: [{ $substrCP: ['$$e.w', 0, Array.from(word).length] }, asked] };
    const score = { $cond: [{ $eq: ['$$e.w', asked] }, { $multiply: ['$$e.k', 2] }, { $cond: [starts, '$$e.k', 0] }] };
    return { $ifNull: [{ $max: { $map: { input: { $ifNull: [`$${SEARCH_FIELD}`, []] }, as: 'e', in: score } } }, 0] };
  };
  return { $add: words.map(best) };
}

/** True when a `$set` path is, contains or lies inside a searchable field: the words must be made again. */
export const touchesSearch = (paths: readonly string[], spec: SearchSpec): boolean =>
  paths.some((path) => spec.fields.some(([field]) => path === field || field.startsWith(`${path}.`) || path.startsWith(`${field}.`)));

type DeclarationDoc = { _id: string; fields: Array<[string, number]> };

/** Each collection's declared searchable fields (`_search_fields`), remembered once read: a declaration never changes. */
export class MongoSearchDeclarations {
  private readonly known = new Map<string, SearchSpec>();

  constructor(private readonly db: Db) {}

  async of(collection: string, session?: ClientSession): Promise<SearchSpec | null> {
    const known = this.known.get(collection);
    if (known !== undefined) return known;
    const stored = await this.declarations().findOne({ _id: collection }, { session });
    if (stored === null) return null;
    const spec = normalizeSearchFields(Object.fromEntries(stored.fields));
    this.known.set(collection, spec);
    return spec;
  }

  /** As on SQLite: the first declaration of a new collection is kept; another one, or one for a collection made without, is refused. */
  async declare(collection: string, spec: SearchSpec): Promise<void> {
    const declared = await this.of(collection);
    if (declared !== null && sameSearchSpec(declared, spec)) return;
    const exists = (await this.db.listCollections({ name: collection }, { nameOnly: true }).toArray()).length > 0;
    if (declared !== null || exists) {
      throw new InvalidQueryError(`collection ${collection} exists with other searchable fields, or none; new ones need a new collection`, 'search');
    }
    try {
      await this.declarations().insertOne({ _id: collection, fields: spec.fields.map(([field, weight]) => [field, weight]) });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.declare(collection, spec);
    }
  }

  async forget(collection: string): Promise<void> {
    this.known.delete(collection);
    await this.declarations().deleteOne({ _id: collection });
  }

  private declarations() {
    return this.db.collection<DeclarationDoc>('_search_fields');
  }
}
