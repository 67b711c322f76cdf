import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AppendResult as ClientAppendResult,
} from '@eventstore/db-client';
import { EventStoreClosedError, WrongExpectedRevisionError, type UnreadableEvent } from '../errors';
import type { GlobalPosition, NewEvent, RecordedEvent } from '../events';
import type {
  AppendResult, EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions, Subscription,
} from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { EventSerializer } from '../serializer';
import { assertStreamName } from '../stream-name';
import { assertCount, assertExpectedRevision, assertFilter, assertPosition } from '../validation';
import { isSystemEvent, isWanted } from './esdb-filter';
import { findStoredAppend, toAppendResult } from './esdb-append-outcome';
import { DEFAULT_APPEND_RETRY, withAppendRetry, type AppendRetryPolicy } from './esdb-append-retry';
import {
  isClientStreamNotFound, isClientWrongExpectedVersion, mapAppendError, mapReadError, toClientExpectedRevision, toEventData,
  toRecordedEvent, toRecordedEventOrReport,
} from './esdb-mapping';
import { drain, scanAll } from './esdb-reads';
import { esdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; $all reads and subscriptions need a user with admin rights. */
  connectionString: string;
  serializer?: EventSerializer;
  /** Events fetched per $all page by readAll and headPosition (at least 2). */
  pageSize?: number;
  /** Told when a subscription was dropped and is about to resubscribe. */
  onSubscriptionDrop?: (error: unknown) => void;
  /**
   * Told about each event readAll or a subscription skipped because its data or metadata is not JSON
   * (written by another tool): one such event must not stop every reader of the log. Default: a warning.
   * A read's or subscription's own `onUnreadable` (a projector parks such events) takes precedence.
   */
  onUnreadableEvent?: (event: UnreadableEvent) => void;
  /**
   * How transient append failures (not leader, unavailable, deadline exceeded, commit timeout) are
   * retried; with 'any' or 'stream_exists', only not-leader is (see mayRetryAppend).
   */
  appendRetry?: Partial<AppendRetryPolicy>;
}

const warnUnreadable = (event: UnreadableEvent): void =>
  console.warn(`EventStoreDB: skipped event ${event.id} (${event.type}) at ${event.streamName}@${event.revision}: ${event.reason}`);

/**
 * The production adapter. Differences from the SQLite adapter that callers can observe:
 * - event ids are deduplicated per stream only: an id already stored in another stream is
 *   written again instead of being refused with DuplicateEventIdError;
 * - with 'any' or 'stream_exists' the server's deduplication of a retry is best effort, so such an
 *   append is retried only when a follower refused it (not-leader), never after an unknown outcome;
 * - an event another tool wrote that is not JSON is skipped (and reported) by readAll and
 *   subscriptions, and fails a readStream with UnreadableEventError.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly serializer: EventSerializer;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private readonly appendRetry: AppendRetryPolicy;
  private readonly onUnreadable: (event: UnreadableEvent) => void;
  private closed = false;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.serializer = options.serializer ?? new EventSerializer();
    this.pageSize = Math.max(2, options.pageSize ?? 1000);
    this.appendRetry = { ...DEFAULT_APPEND_RETRY, ...options.appendRetry };
    this.onUnreadable = options.onUnreadableEvent ?? warnUnreadable;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(streamName);
    const expectation = assertExpectedRevision(expected);
    const serialized = this.serializer.serialize(events);
    const data = serialized.map((event, i) => toEventData(event, events[i]));
    const options = { expectedRevision: toClientExpectedRevision(expectation), deadline: this.appendRetry.attemptDeadlineMs };
    return withAppendRetry(streamName, expectation, async (afterFailure) => {
      // close() may have run during the pause before a retry.
      this.assertOpen();
      let result: ClientAppendResult;
      try {
        result = await this.client.appendToStream(streamName, data, options);
      } catch (error) {
        const earlier = afterFailure && isClientWrongExpectedVersion(error) ? await findStoredAppend(this.client, streamName, expectation, serialized) : null;
        if (earlier !== null) return earlier;
        throw mapAppendError(error, streamName, expectation);
      }
      if (!result.success) {
        const earlier = afterFailure ? await findStoredAppend(this.client, streamName, expectation, serialized) : null;
        if (earlier !== null) return earlier;
        // Only with throwOnAppendFailure=false in the connection string; the client then mangles the
        // actual revision (batch appends report 1 or -1), so it is read back instead.
        throw new WrongExpectedRevisionError(streamName, expectation, (await this.streamRevision(streamName)) ?? 'no_stream');
      }
      return toAppendResult(this.client, streamName, serialized, result);
    }, this.appendRetry);
  }

  async *readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    assertStreamName(streamName);
    const backwards = options.direction === 'backwards';
    const maxCount = assertCount(options.maxCount, 'maxCount');
    const fromRevision = assertCount(options.fromRevision, 'fromRevision');
    this.assertOpen();
    if (maxCount === 0) return;
    const read = this.client.readStream(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    try {
      for await (const resolved of drain(read)) {
        if (resolved.event) yield toRecordedEvent(resolved.event, this.serializer);
      }
    } catch (error) {
      throw mapReadError(error, streamName);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    assertFilter(options.filter);
    let remaining = assertCount(options.maxCount, 'maxCount') ?? Number.MAX_SAFE_INTEGER;
    const after = assertPosition(options.after, 'after');
    this.assertOpen();
    if (remaining === 0) return;
    for await (const raw of scanAll(this.client, 'forwards', after, this.pageSize)) {
      if (!isWanted({ streamId: raw.streamId, type: raw.type }, options.filter)) continue;
      const event = toRecordedEventOrReport(raw, this.serializer, options.onUnreadable ?? this.onUnreadable);
      if (event === undefined) continue;
      yield event;
      remaining -= 1;
      if (remaining === 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    assertFilter(options.filter);
    const after = assertPosition(options.after, 'after');
    this.assertOpen();
    const subscription = esdbSubscription({
      client: this.client,
      serializer: this.serializer,
      after,
      filter: options.filter,
      onDrop: this.options.onSubscriptionDrop,
      onUnreadable: options.onUnreadable ?? this.onUnreadable,
    });
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async streamRevision(streamName: string): Promise<number | null> {
    assertStreamName(streamName);
    this.assertOpen();
    try {
      const read = this.client.readStream(streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const resolved of drain(read)) {
        if (resolved.event) return Number(resolved.event.revision);
      }
      return null;
    } catch (error) {
      if (isClientStreamNotFound(error)) return null;
      throw error;
    }
  }

  async headPosition(): Promise<GlobalPosition | null> {
    this.assertOpen();
    for await (const raw of scanAll(this.client, 'backwards', undefined, this.pageSize)) {
      if (!isSystemEvent(raw)) return raw.position.commit;
    }
    return null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}
