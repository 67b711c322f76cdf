import type { Doc } from '../store/read-store.port';
import { entryOverheadBytes } from './doc-size';
import { HeldCollection } from './held-collection';
import type { MemoryBudget } from './memory-budget';
import { StoredIds } from './stored-ids';

/** A projected document as stored: it remembers the log position of the last event applied to it. */
export type CachedDoc = Doc & { lastPosition: number };

/**
 * The documents of one target as the applier last read or wrote them (null: absent), per logical
 * collection, and which of them changed since the last write.
 *
 * `complete`: the target started empty and only this applier writes it (a rebuild), so every
 * document is here and a document that is not here does not exist; nothing is read. A rebuild counts
 * what its documents weigh against its `budget`, and stops being complete at its first eviction:
 * from then on a document not held is read from the store. Otherwise (live) the cache is dropped
 * whole when it grows past `maxDocs` (cheaper than LRU bookkeeping; the hot documents come back with
 * the next batch's reads).
 */
export class TargetDocs {
  private readonly held = new Map<string, HeldCollection>();
  private dirty = new Map<string, Set<string>>();
  /**
   * Complete mode, until the first write-out: every document held was written here (none was read),
   * so all of them are changes and no per-document bookkeeping is needed (a rebuild holds ~1M).
   */
  private allDirty: boolean;
  private size = 0;
  /** With a budget: what was written out, so that after an eviction a document never written reads as absent. */
  private readonly stored: StoredIds | undefined;
  /**
   * With a budget, a document changed since the last write-out is one whose `lastPosition` is past
   * the highest written then (every change stamps the event's position, and positions only grow):
   * no per-document bookkeeping of changes, which a rebuild would pay at every write.
   */
  private writtenUpTo = -1;
  private changedSinceWrite = false;
  /**
   * The highest position a change stamped here. The lanes of a rebuild apply a batch one after the
   * other, so an eviction's cutoff may lie past what this lane has applied, and its next changes
   * below that cutoff: only what it has applied counts as written.
   */
  private stampedUpTo = -1;

  constructor(
    private isComplete: boolean,
    private readonly maxDocs: number,
    private readonly budget?: MemoryBudget,
  ) {
    this.allDirty = isComplete && budget === undefined;
    if (budget !== undefined) {
      this.stored = new StoredIds(budget.limitBytes);
      budget.add(this.stored.bytes);
    }
  }

  get complete(): boolean {
    return this.isComplete;
  }

  /** Documents (and known absences) held in memory. */
  get resident(): number {
    return this.size;
  }

  /**
   * After a write the store refused (live targets only): drops every document and every
   * change, so the next apply reads the documents as they are stored.
   */
  discardAll(): void {
    if (this.isComplete || this.budget !== undefined) throw new Error('discardAll is for live targets: a rebuild would lose documents held nowhere else');
    this.held.clear();
    this.size = 0;
    this.dirty = new Map();
  }

  /** The document, null when absent, undefined when it must be read (never in complete mode). */
  get(collection: string, id: string): CachedDoc | null | undefined {
    const found = this.held.get(collection)?.docs.get(id);
    if (found !== undefined || this.isComplete) return found ?? null;
    return this.stored === undefined || this.stored.mayHold(collection, id) ? undefined : null;
  }

  load(collection: string, id: string, doc: CachedDoc | null): void {
    const held = this.collection(collection);
    if (this.budget === undefined) {
      const before = held.docs.size;
      held.docs.set(id, doc);
      this.size += held.docs.size - before;
      return;
    }
    this.budget.add(this.placeCounted(held, id, doc));
  }

  write(collection: string, doc: CachedDoc): void {
    this.load(collection, doc.id, doc);
    if (this.budget !== undefined) {
      this.changedSinceWrite = true;
      if (doc.lastPosition > this.stampedUpTo) this.stampedUpTo = doc.lastPosition;
    }
    if (this.allDirty || this.budget !== undefined) return;
    let ids = this.dirty.get(collection);
    if (ids === undefined) this.dirty.set(collection, (ids = new Set()));
    ids.add(doc.id);
  }

  get hasChanges(): boolean {
    if (this.budget !== undefined) return this.changedSinceWrite;
    return this.allDirty ? this.size > 0 : this.dirty.size > 0;
  }

  /** The documents changed since the last call, per collection; they count as written from now on. */
  *takeChanges(): Iterable<[string, CachedDoc]> {
    if (this.stored !== undefined) return yield* this.takeChangesSince(this.stored);
    if (this.allDirty) {
      this.allDirty = false;
      for (const [collection, held] of this.held) for (const doc of held.docs.values()) if (doc !== null) yield [collection, doc];
      return;
    }
    const dirty = this.dirty;
    this.dirty = new Map();
    for (const [collection, ids] of dirty) {
      const docs = this.collection(collection).docs;
      for (const id of ids) yield [collection, docs.get(id) as CachedDoc];
    }
  }

  private *takeChangesSince(stored: StoredIds): Iterable<[string, CachedDoc]> {
    const since = this.writtenUpTo;
    let highest = since;
    // Counted as written before the writes succeed: a failed write ends the rebuild's run and this applier with it (`replayAll` reruns into an emptied target).
    for (const [collection, held] of this.held) {
      for (const doc of held.docs.values()) {
        if (doc === null || doc.lastPosition <= since) continue;
        if (doc.lastPosition > highest) highest = doc.lastPosition;
        stored.add(collection, doc.id);
        yield [collection, doc];
      }
    }
    this.writtenUpTo = highest;
    this.changedSinceWrite = false;
  }

  /** What a write-out of the changes before `position` leaves written: up to it, or to what this lane applied. */
  private writtenBelow(position: number): number {
    return Math.min(position - 1, this.stampedUpTo);
  }

  trim(): void {
    if (this.isComplete || this.budget !== undefined || this.size <= this.maxDocs) return;
    this.held.clear();
    this.size = 0;
  }

  /** Every held document with its estimated weight, for choosing what an eviction keeps. */
  forEachWeighed(visit: (doc: CachedDoc, bytes: number) => void): void {
    for (const held of this.held.values()) {
      for (const [id, doc] of held.docs) if (doc !== null) visit(doc, held.averageBytes + entryOverheadBytes(id));
    }
  }

  /** The highest position a change stamped here (-1: none): no held document was changed later. */
  get stampedPosition(): number {
    return this.stampedUpTo;
  }

  /**
   * Budget only, in one pass over what is held: drops the known absences and the documents last
   * changed before `position`, and returns the changes among them, which count as written from now on
   * and which the caller writes out before anything reads this target again. From now on a document
   * not held is read from the store. The changes it keeps stay unwritten until they are dropped in
   * turn or the replay ends, so a hot document is written about once per rebuild, not once per eviction.
   */
  evictOlderThan(position: number): Array<[string, CachedDoc]> {
    const { budget, stored } = this;
    if (budget === undefined || stored === undefined) throw new Error('only a target with a budget evicts');
    const since = this.writtenUpTo;
    const dropped: Array<[string, CachedDoc]> = [];
    let freed = 0;
    for (const [collection, held] of this.held) {
      for (const [id, doc] of held.docs) {
        if (doc !== null && doc.lastPosition >= position) continue;
        held.docs.delete(id);
        this.size -= 1;
        freed += entryOverheadBytes(id);
        if (doc === null) continue;
        held.present -= 1;
        freed += held.averageBytes;
        if (doc.lastPosition <= since) continue;
        stored.add(collection, doc.id);
        dropped.push([collection, doc]);
      }
    }
    budget.add(-freed);
    this.isComplete = false;
    // Everything held below `position` is written now; what is read back later was written below it too.
    this.writtenUpTo = Math.max(since, this.writtenBelow(position));
    // The change stamped last is held still when the eviction kept anything unwritten.
    this.changedSinceWrite = this.stampedUpTo > this.writtenUpTo;
    return dropped;
  }

  /** Sets a held entry and returns how much the held estimate moved. */
  private placeCounted(held: HeldCollection, id: string, doc: CachedDoc | null): number {
    const before = held.docs.get(id);
    held.docs.set(id, doc);
    let moved = 0;
    if (before === undefined) {
      this.size += 1;
      moved += entryOverheadBytes(id);
    }
    const was = before !== undefined && before !== null;
    if (was !== (doc !== null)) {
      held.present += was ? -1 : 1;
      moved += was ? -held.averageBytes : held.averageBytes;
    }
    if (doc !== null) moved += held.sample(doc);
    return moved;
  }

  private collection(name: string): HeldCollection {
    let held = this.held.get(name);
    if (held === undefined) this.held.set(name, (held = new HeldCollection()));
    return held;
  }
}
