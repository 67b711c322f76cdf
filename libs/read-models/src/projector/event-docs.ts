import type { Doc } from '../store/read-store.port';
import { isPlainJson } from '../store/json';
import { assertId } from '../store/validation';
import type { DocKey, ProjectionDocs, PutOptions } from '../projections/projection';
import type { CachedDoc, TargetDocs } from './target-docs';

/** Thrown into `apply` when a document it touches already carries the event's position or a later one. */
export const ALREADY_APPLIED = Symbol('already applied');

/**
 * What one run of `apply` for one event sees: the target's documents plus the event's own writes,
 * which are kept aside until the run ends and then committed together (or dropped).
 *
 * A document that has not been read yet reads as absent and is recorded as missing: the applier then
 * reads every missing document at once and runs `apply` again, whatever the first run did or threw.
 * That way `apply` stays synchronous and needs to declare up front only what the event names.
 */
export class EventDocs implements ProjectionDocs {
  readonly missing: DocKey[] = [];
  private position = 0;
  private readonly pending: Array<{ collection: string; doc: Doc }> = [];
  /** Collection and id of each document this run read from the target, flat: a run reads a handful. */
  private readonly read: string[] = [];

  constructor(
    private readonly target: TargetDocs,
    /** The projection's logical collections: anything else is a bug in the projection, which parks the event. */
    private readonly collections: ReadonlySet<string>,
  ) {}

  begin(position: number): void {
    this.position = position;
    this.pending.length = 0;
    this.missing.length = 0;
    this.read.length = 0;
  }

  get<T extends Doc = Doc>(collection: string, id: string): T | null {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const written = this.pending[i];
      if (written.doc.id === id && written.collection === collection) return written.doc as T;
    }
    const doc = this.stored(collection, id);
    this.read.push(collection, id);
    return doc as T | null;
  }

  put(collection: string, doc: Doc, options?: PutOptions): void {
    // A document this run read or wrote was checked then: most puts follow a get of the same document.
    if (options?.unstored === true) this.assertAddress(collection, doc.id);
    else if (!this.seenThisRun(collection, doc.id)) this.stored(collection, doc.id);
    this.pending.push({ collection, doc });
  }

  /** The first of the run's writes that is not plain JSON, which no store can keep as given. */
  unstorable(): { collection: string; id: string } | undefined {
    const found = this.pending.find(({ doc }) => !isPlainJson(doc));
    return found && { collection: found.collection, id: String(found.doc.id) };
  }

  /** Commits the run's writes, stamped with the event's position; the last write of a document wins. */
  commit(): void {
    for (const { collection, doc } of this.pending) {
      (doc as CachedDoc).lastPosition = this.position;
      this.target.write(collection, doc as CachedDoc);
    }
    this.pending.length = 0;
  }

  /** Whether this run already read or wrote the document, so it was checked (address, position). */
  private seenThisRun(collection: string, id: string): boolean {
    for (let i = 0; i < this.read.length; i += 2) if (this.read[i + 1] === id && this.read[i] === collection) return true;
    for (const written of this.pending) if (written.doc.id === id && written.collection === collection) return true;
    return false;
  }

  /** Bad addresses are the projection's bug: thrown inside apply, they park the event instead of failing the batch's write. */
  private assertAddress(collection: string, id: string): void {
    if (!this.collections.has(collection)) throw new Error(`${collection} is not a collection of this projection`);
    assertId(id);
  }

  private stored(collection: string, id: string): CachedDoc | null {
    this.assertAddress(collection, id);
    const doc = this.target.get(collection, id);
    if (doc === undefined) {
      this.missing.push({ collection, id });
      return null;
    }
    if (doc !== null && doc.lastPosition >= this.position) throw ALREADY_APPLIED;
    return doc;
  }
}
