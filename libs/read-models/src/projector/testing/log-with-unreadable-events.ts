import {
  matchesFilter, type AppendResult, type EventStore, type ExpectedRevision, type GlobalPosition, type LogFilter, type NewEvent,
  type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type SubscribeOptions, type Subscription, type UnreadableEvent,
} from '@crm/event-store';

/**
 * A log holding, beside a real store's events, events that cannot be read (as EventStoreDB may hold
 * events another tool wrote that are not JSON). The real store's positions are doubled so that an
 * unreadable event takes an odd position between two of them; reads and subscriptions report each one
 * to their `onUnreadable` in log order, as the EventStoreDB adapter does, and never yield it.
 */
export class LogWithUnreadableEvents implements EventStore {
  private readonly unreadable: UnreadableEvent[] = [];

  constructor(private readonly inner: EventStore) {}

  /** Puts an unreadable event right after the current head. */
  async putUnreadableAfterHead(event: Omit<UnreadableEvent, 'position' | 'reason'>): Promise<UnreadableEvent> {
    const head = (await this.inner.headPosition()) ?? 0n;
    const unreadable = { ...event, position: head * 2n + 1n, reason: 'its data is not a JSON object' };
    this.unreadable.push(unreadable);
    return unreadable;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.appendToStream(streamName, events, expected);
    return { ...result, position: result.position * 2n };
  }

  async *readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readStream(streamName, options)) yield this.outer(event);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const { onUnreadable, ...rest } = options;
    const report = this.reporter(options.after, options.filter, onUnreadable);
    for await (const event of this.inner.readAll({ ...rest, after: this.innerAfter(options.after) })) {
      report(event.position * 2n);
      yield this.outer(event);
    }
    if (options.maxCount === undefined) report(undefined);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    // Does not pass `onCaughtUp` on: the inner store's positions are not this log's (it is optional).
    const { onUnreadable, onCaughtUp: _notTold, ...rest } = options;
    const inner = this.inner.subscribeToAll({ ...rest, after: this.innerAfter(options.after) });
    const report = this.reporter(options.after, options.filter, onUnreadable);
    const outer = (event: RecordedEvent): RecordedEvent => this.outer(event);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) {
          report(event.position * 2n);
          yield outer(event);
        }
      },
      close: () => inner.close(),
    };
  }

  streamRevision(streamName: string): Promise<number | null> {
    return this.inner.streamRevision(streamName);
  }

  /** The last readable event's: tests put readable events after the unreadable ones they wait on. */
  async headPosition(): Promise<GlobalPosition | null> {
    const head = await this.inner.headPosition();
    return head === null ? null : head * 2n;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Reports, once each, the unreadable events after `after` and before `before` (all of them when undefined). */
  private reporter(after: bigint | undefined, filter: LogFilter | undefined, onUnreadable: ((u: UnreadableEvent) => void) | undefined): (before: bigint | undefined) => void {
    const told = new Set<UnreadableEvent>();
    return (before) => {
      for (const u of this.unreadable) {
        const position = u.position ?? 0n;
        if (told.has(u) || (after !== undefined && position <= after) || (before !== undefined && position >= before)) continue;
        told.add(u);
        if (matchesFilter({ streamId: u.streamName, type: u.type }, filter)) onUnreadable?.(u);
      }
    };
  }

  private innerAfter(after: bigint | undefined): bigint | undefined {
    return after === undefined ? undefined : after / 2n;
  }

  private outer(event: RecordedEvent): RecordedEvent {
    return { ...event, position: event.position * 2n };
  }
}
