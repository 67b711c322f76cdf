import Database, { type Database as Db } from 'better-sqlite3';
import { EventStoreClosedError, StreamNotFoundError } from '../errors';
import type { GlobalPosition, RecordedEvent } from '../events';
import type {
  AppendResult, AtomicAppender, EventStore, StreamAppend, LogFilter, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription,
} from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { NewEvent } from '../events';
import { EventSerializer } from '../serializer';
import { assertStreamName } from '../stream-name';
import { assertCount, assertExpectedRevision, assertFilter, assertPosition } from '../validation';
import { WakeSignal } from '../wake-signal';
import { signalFileFor, type SignalFile } from '../signal-file';
import { GroupCommitter } from './group-commit';
import { RecentAppends } from './recent-appends';
import { toRecordedEvent } from './row-mapper';
import { prepareDatabase } from './schema';
import { SqliteStatements, type EventRow } from './sqlite-statements';
import { StoredDictionary } from './stored-dictionary';
import { knownStoredStream, toStoredEvent, toStoredStream } from './stored-event';
import { pagedIterable } from '../paged-iterable';
import { pollingSubscription, type PolledPage } from '../polling-subscription';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for tests that need no restart. */
  path: string;
  serializer?: EventSerializer;
  /**
   * How often an idle subscriber checks for appends made by another process on the same file: the only
   * way it hears of them without `crossProcessSignals`, a safety net with them.
   */
  crossProcessPollMs?: number;
  /**
   * Bump `<path>.signal` at every commit and watch it, so subscribers in other processes sharing the
   * file wake at once (the scaled shape). Off by default: a single process relays its appends in memory.
   */
  crossProcessSignals?: boolean;
  /** Rows fetched per page by reads and subscriptions. */
  pageSize?: number;
  /**
   * This connection's page cache in KiB (SQLite's default is 2 MiB): for bulk writers whose large
   * transactions touch index pages all over the file, which would otherwise spill and be read back.
   */
  pageCacheKiB?: number;
}

const MAX_SAFE_POSITION = BigInt(Number.MAX_SAFE_INTEGER);

export class SqliteEventStore implements EventStore, AtomicAppender {
  private readonly db: Db;
  private readonly sql: SqliteStatements;
  private readonly dictionary: StoredDictionary;
  private readonly committer: GroupCommitter;
  private readonly serializer: EventSerializer;
  private readonly appended = new WakeSignal();
  private readonly recent = new RecentAppends();
  /** Open subscriptions: only while there are some are committed rows kept for them. */
  private liveSubscriptions = 0;
  /**
   * The head as live subscribers last saw it, shared by all of them until this process commits or a
   * wait times out (the only ways it can move): one lookup per commit instead of one per subscriber.
   */
  private subscriberHead: number | null | undefined;
  private readonly pageSize: number;
  private readonly pollMs: number;
  private readonly signalFile: SignalFile | null;
  private stopWatching: (() => void) | null = null;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.path);
    prepareDatabase(this.db);
    if (options.pageCacheKiB !== undefined) this.db.pragma(`cache_size = -${Math.max(1, Math.floor(options.pageCacheKiB))}`);
    this.sql = new SqliteStatements(this.db);
    this.dictionary = new StoredDictionary(this.db);
    this.serializer = options.serializer ?? new EventSerializer();
    this.committer = new GroupCommitter(
      this.db,
      this.sql,
      (rows) => {
        this.recent.record(rows);
        this.subscriberHead = undefined;
        this.appended.notify();
        this.signalFile?.bump();
      },
      () => this.liveSubscriptions > 0,
    );
    this.pageSize = options.pageSize ?? 1000;
    this.pollMs = options.crossProcessPollMs ?? 200;
    this.signalFile = signalFileFor(options.path, options.crossProcessSignals);
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(streamName);
    const expectation = assertExpectedRevision(expected);
    const serialized = this.serializer.serialize(events);
    // Encoded here, outside the group's transaction: a new category, type or shape is committed on its own first.
    const stream = toStoredStream(streamName, this.dictionary);
    const stored = serialized.map((event) => toStoredEvent(event, stream, this.dictionary));
    return this.committer.append(streamName, stream, stored, expectation);
  }

  async appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const parts = appends.map(({ streamName, events, expected }) => {
      assertStreamName(streamName);
      const expectation = assertExpectedRevision(expected);
      const serialized = this.serializer.serialize(events);
      // Encoded before the transaction, as a single append's are.
      const stream = toStoredStream(streamName, this.dictionary);
      return { streamName, stream, expected: expectation, events: serialized.map((event) => toStoredEvent(event, stream, this.dictionary)) };
    });
    return this.committer.appendAll(parts);
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = Number.MAX_SAFE_INTEGER;
    let next = 0;
    let started = false;
    return pagedIterable(() => {
      if (!started) {
        assertStreamName(streamName);
        remaining = assertCount(options.maxCount, 'maxCount') ?? remaining;
        next = assertCount(options.fromRevision, 'fromRevision') ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
      }
      if (remaining <= 0 || next < 0) return null;
      this.assertOpen();
      const limit = Math.min(remaining, this.pageSize);
      const statement = backwards ? this.sql.streamBackwards : this.sql.streamForwards;
      const stream = knownStoredStream(streamName, this.dictionary);
      const rows = stream === null ? [] : (statement.all(stream.key, stream.category, next, limit) as EventRow[]);
      // Revisions start at 0, so a first page read from either end of the stream that comes back empty
      // means there is no stream; only a read from the middle needs to ask.
      const fromAnEnd = backwards ? next === Number.MAX_SAFE_INTEGER : next === 0;
      if (!started && rows.length === 0 && (fromAnEnd || stream === null || this.sql.lastRevision.get(stream.key, stream.category) === null)) {
        throw new StreamNotFoundError(streamName);
      }
      started = true;
      remaining = rows.length < limit ? 0 : remaining - rows.length;
      if (rows.length > 0) next = rows[rows.length - 1][2] + (backwards ? -1 : 1);
      return rows.map((row) => toRecordedEvent(row, this.dictionary, this.serializer));
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = Number.MAX_SAFE_INTEGER;
    let after = 0n;
    let started = false;
    return pagedIterable(() => {
      if (!started) {
        assertFilter(options.filter);
        remaining = assertCount(options.maxCount, 'maxCount') ?? remaining;
        after = assertPosition(options.after, 'after') ?? 0n;
        started = true;
      }
      if (remaining <= 0) return null;
      const limit = Math.min(remaining, this.pageSize);
      // A one-shot read goes to the file: the recent appends serve live subscribers, which ask at every commit.
      const page = this.readPage(after, options.filter, limit);
      remaining = page.length < limit ? 0 : remaining - page.length;
      if (page.length > 0) after = BigInt(page[page.length - 1][0]);
      return page;
    }, (row) => toRecordedEvent(row, this.dictionary, this.serializer));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    assertFilter(options.filter);
    const subscription = pollingSubscription({
      after: assertPosition(options.after, 'after') ?? 0n,
      readPage: (after) => this.pollPage(after, options.filter),
      waitForAppends: async () => {
        // Only a timeout or another process's signal can mean another process appended: a local commit
        // already forgot the head.
        if (!(await this.appended.wait(this.pollMs))) this.subscriberHead = undefined;
      },
      isClosed: () => this.closed,
      onCaughtUp: options.onCaughtUp,
    });
    // Counted once watching: a watch the system refuses leaves the subscription on its poll, never without one.
    if (this.liveSubscriptions === 0) this.watchOtherProcesses();
    this.liveSubscriptions++;
    let open = true;
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        if (open && --this.liveSubscriptions === 0) this.stopWatchingOthers();
        open = false;
        await subscription.close();
        // Ends it now rather than at its poll, which may be long where other processes signal (the
        // others only look at the log once more).
        this.appended.notify();
      },
    };
  }

  async streamRevision(streamName: string): Promise<number | null> {
    assertStreamName(streamName);
    this.assertOpen();
    const stream = knownStoredStream(streamName, this.dictionary);
    return stream === null ? null : (this.sql.lastRevision.get(stream.key, stream.category) as number | null);
  }

  async headPosition(): Promise<GlobalPosition | null> {
    this.assertOpen();
    const head = this.sql.head.get() as number | null;
    return head === null ? null : BigInt(head);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.committer.flush();
    this.closed = true;
    this.appended.notify();
    this.stopWatchingOthers();
    this.signalFile?.close();
    this.db.close();
  }

  /** While there are live subscribers: another process's commit wakes them as a local one does. */
  private watchOtherProcesses(): void {
    this.stopWatching = this.signalFile?.watch(() => {
      this.subscriberHead = undefined;
      this.appended.notify();
    }) ?? null;
  }

  private stopWatchingOthers(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  private readPage(after: GlobalPosition, filter: LogFilter | undefined, limit: number): EventRow[] {
    this.assertOpen();
    if (after > MAX_SAFE_POSITION) return [];
    // The head before the filter's names: a name unknown after it belongs to events past the head.
    const head = this.head();
    if (head === null) return [];
    return this.sql.logPage(Number(after), head, this.dictionary.rowFilter(filter, head), limit);
  }

  /**
   * A live subscriber's next page: from the recent appends when they can answer, else from the file.
   * A page shorter than asked for saw the log up to the head, so a filtered subscriber whose events
   * are rare moves on to it instead of searching the same stretch at every commit.
   */
  private pollPage(after: GlobalPosition, filter: LogFilter | undefined): PolledPage {
    this.assertOpen();
    if (after > MAX_SAFE_POSITION) return { events: [], through: after };
    // Known before the page is read, so the page's snapshot holds at least everything up to it.
    const head = (this.subscriberHead ??= this.head());
    const from = Number(after);
    if (head === null) return { events: [], through: after };
    const rowFilter = this.dictionary.rowFilter(filter, head);
    const rows = this.recent.page(from, head, rowFilter, this.pageSize) ?? this.sql.logPage(from, head, rowFilter, this.pageSize);
    const events = rows.map((row) => toRecordedEvent(row, this.dictionary, this.serializer));
    const searchedToHead = rows.length < this.pageSize && head > from;
    return { events, through: searchedToHead ? BigInt(head) : (events[events.length - 1]?.position ?? after) };
  }

  private head(): number | null {
    this.assertOpen();
    return this.sql.head.get() as number | null;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
