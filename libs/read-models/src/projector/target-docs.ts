import type { Doc } from '../store/read-store.port';

/** A projected document as stored: it remembers the log position of the last event applied to it. */
export type CachedDoc = Doc & { lastPosition: number };

/**
 * The documents of one target as the applier last read or wrote them (null: absent), per logical
 * collection, and which of them changed since the last write.
 *
 * `complete`: the target started empty and only this applier writes it (a rebuild), so every
 * document is here and a document that is not here does not exist; nothing is ever read or dropped.
 * Otherwise the cache is dropped whole when it grows past `maxDocs` (cheaper than LRU bookkeeping;
 * the hot documents come back with the next batch's reads).
 */
export class TargetDocs {
  private readonly docs = new Map<string, Map<string, CachedDoc | null>>();
  private dirty = new Map<string, Set<string>>();
  /**
   * Complete mode, until the first write-out: every document held was written here (none was read),
   * so all of them are changes and no per-document bookkeeping is needed (a rebuild holds ~1M).
   */
  private allDirty: boolean;
  private size = 0;

  constructor(
    private isComplete: boolean,
    private readonly maxDocs: number,
  ) {
    this.allDirty = isComplete;
  }

  get complete(): boolean {
    return this.isComplete;
  }

  /** Documents held in memory. */
  get resident(): number {
    return this.size;
  }

  /**
   * Drops every document (they must have been written) and stops answering for documents it does not
   * hold: from now on they are read from the store.
   */
  forgetAll(): void {
    if (this.hasChanges) throw new Error('forgetAll with unwritten changes');
    this.isComplete = false;
    this.allDirty = false;
    this.docs.clear();
    this.size = 0;
  }

  /**
   * After a write the store refused (non-complete targets only): drops every document and every
   * change, so the next apply reads the documents as they are stored.
   */
  discardAll(): void {
    if (this.isComplete) throw new Error('discardAll on a complete target would lose documents held nowhere else');
    this.docs.clear();
    this.dirty = new Map();
    this.size = 0;
  }

  /** The document, null when absent, undefined when not read yet (never in complete mode). */
  get(collection: string, id: string): CachedDoc | null | undefined {
    const found = this.docs.get(collection)?.get(id);
    return found === undefined && this.isComplete ? null : found;
  }

  load(collection: string, id: string, doc: CachedDoc | null): void {
    const docs = this.collection(collection);
    const before = docs.size;
    docs.set(id, doc);
    this.size += docs.size - before;
  }

  write(collection: string, doc: CachedDoc): void {
    this.load(collection, doc.id, doc);
    if (this.allDirty) return;
    let ids = this.dirty.get(collection);
    if (ids === undefined) this.dirty.set(collection, (ids = new Set()));
    ids.add(doc.id);
  }

  get hasChanges(): boolean {
    return this.allDirty ? this.size > 0 : this.dirty.size > 0;
  }

  /** The documents changed since the last call, per collection; they count as written from now on. */
  *takeChanges(): Iterable<[string, CachedDoc]> {
    if (this.allDirty) {
      this.allDirty = false;
      for (const [collection, docs] of this.docs) for (const doc of docs.values()) if (doc !== null) yield [collection, doc];
      return;
    }
    const dirty = this.dirty;
    this.dirty = new Map();
    for (const [collection, ids] of dirty) {
      const docs = this.collection(collection);
      for (const id of ids) yield [collection, docs.get(id) as CachedDoc];
    }
  }

  trim(): void {
    if (this.isComplete || this.size <= this.maxDocs) return;
    this.docs.clear();
    this.size = 0;
  }

  private collection(name: string): Map<string, CachedDoc | null> {
    let docs = this.docs.get(name);
    if (docs === undefined) this.docs.set(name, (docs = new Map()));
    return docs;
  }
}
