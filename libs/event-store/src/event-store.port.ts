import type { GlobalPosition, NewEvent, RecordedEvent } from './events';
import type { ExpectedRevision } from './expected-revision';
import type { UnreadableEvent } from './errors';

export interface AppendResult {
  /** Revision of the last event of the stream after this append (pass it as the next expectation). */
  nextExpectedRevision: number;
  /** Global position of the last event written (or found, on an idempotent retry). */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** 0-based revision to start from (inclusive); default the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: return events after this position; default the start of the log. */
  after?: GlobalPosition;
  maxCount?: number;
  filter?: LogFilter;
  /** Told about each event this read skips because it cannot read it; overrides the store's default. */
  onUnreadable?: (event: UnreadableEvent) => void;
}

/** Category is the part of the stream name before the first dash (`lead-<uuid>` is in `lead`). */
export interface LogFilter {
  categories?: readonly string[];
  eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive, as EventStoreDB's fromPosition: the subscription starts after it; default the start of the log. */
  after?: GlobalPosition;
  filter?: LogFilter;
  /**
   * Told about each event the subscription skips because it cannot read it (e.g. not JSON, written
   * by another tool); overrides the store's default. A projector parks it.
   */
  onUnreadable?: (event: UnreadableEvent) => void;
  /**
   * Told when the subscription has handed over every event of its up to `through` (the log's head
   * when it last looked, for a filtered one past its own last event) and waits for more. A projector
   * that applied all it was handed then has applied everything of its own up to `through`, which tells
   * a read-your-writes wait on an event it does not take as much as one it does. Optional for adapters.
   */
  onCaughtUp?: (through: GlobalPosition) => void;
}

/**
 * A catch-up subscription: iterates the log from its start position and then follows live appends,
 * in global order, without gaps or duplicates, until closed.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** The one port every part of the system writes and reads events through. */
export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Throws StreamNotFoundError (on iteration) when the stream has no events. */
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** The stream's last revision, or null when it has no events. */
  streamRevision(streamName: string): Promise<number | null>;
  /** Position of the newest event in the log, or null when the log is empty. */
  headPosition(): Promise<GlobalPosition | null>;
  close(): Promise<void>;
}

/** One stream's part of an append that spans several streams. */
export interface StreamAppend {
  streamName: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
}

/**
 * A store that writes appends to several streams in one transaction, all of them or none: for bulk
 * writers (the seed) whose many small appends would otherwise each pay for a commit. Each part is
 * decided as `appendToStream` would decide it alone (its expectation, an idempotent retry), after the
 * parts before it; the first part that fails fails the whole call and nothing of it is stored.
 */
export interface AtomicAppender {
  appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

export const canAppendAtomically = <S extends EventStore>(store: S): store is S & AtomicAppender =>
  typeof (store as Partial<AtomicAppender>).appendAtomically === 'function';
