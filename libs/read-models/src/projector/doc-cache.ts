import type { Doc } from '../store/read-store.port';
import { docKey, type DocKey } from '../projections/projection';
import { StagedIndex } from './staged-index';

/** A projected document as stored: it remembers the log position of the last event applied to it. */
export type CachedDoc = Doc & { lastPosition: number };

export interface StagedDoc {
  key: DocKey;
  doc: CachedDoc | null;
}

/**
 * The documents of one target as the applier last saw or wrote them (null: absent), and the ones
 * changed since the last write. Trimmed by dropping everything at once: cheaper than LRU bookkeeping,
 * and a projection's hot documents come back with the next batch's single getMany.
 */
export class DocCache {
  private readonly docs = new Map<string, CachedDoc | null>();
  private staged = new Map<string, StagedDoc>();
  private readonly index = new StagedIndex();
  /** In complete mode, lookups are answered from every document, not only the staged ones. */
  private readonly everything: StagedIndex | null;

  /**
   * `complete`: the cache holds every document of the target (it started empty and only this applier
   * writes it, as in a rebuild), so it is never trimmed and absence from it means absence.
   */
  constructor(
    private readonly maxDocs: number,
    readonly complete = false,
  ) {
    this.everything = complete ? new StagedIndex() : null;
  }

  has(key: string): boolean {
    return this.docs.has(key);
  }

  get(key: string): CachedDoc | null {
    return this.docs.get(key) ?? null;
  }

  load(key: string, doc: CachedDoc | null): void {
    this.docs.set(key, doc);
  }

  stage(key: string, ref: DocKey, doc: CachedDoc | null): void {
    this.everything?.staged(ref.collection, ref.id, this.docs.get(key) ?? null, doc);
    this.index.staged(ref.collection, ref.id, this.staged.get(key)?.doc ?? null, doc);
    this.docs.set(key, doc);
    this.staged.set(key, { key: ref, doc });
  }

  /** The staged version of a document: undefined when it is unchanged since the last write. */
  stagedDoc(collection: string, id: string): CachedDoc | null | undefined {
    return this.staged.get(docKey(collection, id))?.doc;
  }

  /** Ids of staged documents of `collection` whose `field` has one of `values` (keys from staged-index). */
  stagedWith(collection: string, field: string, values: Set<string>): Set<string> {
    return this.index.candidates(collection, field, values, this.stagedIn(collection));
  }

  /** Complete mode only: ids of every document of `collection` whose `field` has one of `values`. */
  allWith(collection: string, field: string, values: Set<string>): Set<string> {
    if (this.everything === null) throw new Error('allWith needs a complete cache');
    return this.everything.candidates(collection, field, values, this.docsIn(collection));
  }

  private *docsIn(collection: string): Iterable<[string, CachedDoc | null]> {
    const prefix = docKey(collection, '');
    for (const [key, doc] of this.docs) if (key.startsWith(prefix)) yield [key.slice(prefix.length), doc];
  }

  takeStaged(): StagedDoc[] {
    const staged = [...this.staged.values()];
    this.staged = new Map();
    this.index.clear();
    return staged;
  }

  private *stagedIn(collection: string): Iterable<[string, CachedDoc | null]> {
    for (const { key, doc } of this.staged.values()) if (key.collection === collection) yield [key.id, doc];
  }

  trim(): void {
    if (!this.complete && this.docs.size > this.maxDocs) this.docs.clear();
  }
}
