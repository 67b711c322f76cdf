import type { ReadModels } from '../projector/read-models';
import { OPPORTUNITY_VERSIONS } from '../projections/opportunity-timeline/opportunity-timeline.projection';
import { MAX_PAGE_SIZE, type Doc, type Page, type ReadStore, type SortKey } from '../store/read-store.port';
import { TimelineSet, type OpportunityVersionDoc, type Timelines } from './timeline.types';

const BY_POSITION: SortKey[] = [{ field: 'lastPosition', direction: 'asc' }];

type StoredVersion = OpportunityVersionDoc & { lastPosition: number };

/** The timelines read from one serving collection, and the last log position they hold. */
type Held = { collection: string; timelines: TimelineSet; position: number };

/**
 * Every opportunity's timeline, held in memory and caught up from the `opportunity_versions` read
 * model on each `current()`. Versions are immutable once written and each batch of the projector
 * stores higher positions than the one before, so reading the versions past the highest position
 * held, in position order, always leaves the timelines as of a prefix of the log. When a rebuild
 * switched the serving collection it is read whole into a new set, which replaces the old one once
 * complete (a report already holding the old one finishes on it). The set `current()` gives goes on
 * taking the versions later catch-ups read: a computation that must see one prefix of the log runs
 * without awaiting in between, as the report computations do.
 */
export class TimelineKeeper {
  private held: Held | null = null;
  private running: Promise<Timelines> | null = null;
  private next: Promise<Timelines> | null = null;
  /**
   * One string per distinct pipeline id, owner, stage, status, close date and currency: each parsed
   * document brings its own copies, and a few hundred thousand versions share a few thousand values
   * (a quarter of the heap the timelines hold).
   */
  private readonly strings = new Map<string, string>();

  constructor(
    private readonly readModels: ReadModels,
    private readonly store: ReadStore,
    private readonly pageSize = MAX_PAGE_SIZE,
  ) {}

  /**
   * The timelines with every version stored before the call. A catch-up already running may have
   * read past the moment a version was stored: callers that arrive meanwhile share the one after it,
   * so there are never more than two reads in flight, however many callers.
   */
  current(): Promise<Timelines> {
    if (this.running === null) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        // A caller may have started one since the last ended: it began after these callers asked, so it serves them too.
        return this.running ?? this.start();
      });
    return this.next;
  }

  private start(): Promise<Timelines> {
    const run: Promise<Timelines> = this.catchUp().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async catchUp(): Promise<Timelines> {
    const collection = await this.readModels.collectionFor(OPPORTUNITY_VERSIONS);
    if (this.held === null || this.held.collection !== collection) {
      const whole: Held = { collection, timelines: new TimelineSet(), position: -1 };
      await this.readPast(whole);
      this.held = whole;
    } else {
      await this.readPast(this.held);
    }
    return this.held.timelines;
  }

  /**
   * Adds the versions stored past `held.position`, in position order, a page at a time. Each page
   * is asked for by position alone rather than with a cursor: with a cursor as well, SQLite bounds
   * its index range by the filter's position and not the cursor's, and every page would re-scan
   * the versions before it. A full page may end amid the versions of one position (the projection
   * writes one per event, but the store does not promise it): those are read again with the next.
   */
  private async readPast(held: Held): Promise<void> {
    for (;;) {
      const filter = { lastPosition: { $gt: held.position } };
      const page: Page<Doc> = await this.store.find(held.collection, { filter, sort: BY_POSITION, first: this.pageSize, totalCount: false });
      const versions = page.items as unknown as StoredVersion[];
      const complete = page.hasNextPage ? completePositions(versions) : versions.length;
      for (let i = 0; i < complete; i++) held.timelines.add(this.sharing(versions[i]));
      if (complete > 0) held.position = versions[complete - 1].lastPosition;
      if (!page.hasNextPage) return;
      if (complete === 0) throw new Error(`More than ${this.pageSize} versions at position ${versions[0].lastPosition} of ${held.collection}`);
    }
  }

  /** The document with its repeated values replaced by the copies already held (it is not kept). */
  private sharing(doc: StoredVersion): StoredVersion {
    doc.pipelineId = this.shared(doc.pipelineId);
    doc.ownerId = this.shared(doc.ownerId);
    doc.stage = this.shared(doc.stage);
    doc.status = this.shared(doc.status) as StoredVersion['status'];
    doc.expectedCloseDate = this.shared(doc.expectedCloseDate);
    doc.amount.currency = this.shared(doc.amount.currency);
    return doc;
  }

  private shared(value: string): string {
    const held = this.strings.get(value);
    if (held !== undefined) return held;
    this.strings.set(value, value);
    return value;
  }
}

/** How many of a full page's versions come before the last position it holds (which may go on past it). */
function completePositions(versions: readonly StoredVersion[]): number {
  const last = versions[versions.length - 1].lastPosition;
  let end = versions.length;
  while (end > 0 && versions[end - 1].lastPosition === last) end--;
  return end;
}
