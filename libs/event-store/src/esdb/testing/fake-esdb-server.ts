import { EventStoreDBClient, WrongExpectedVersionError, type EventData } from '@eventstore/db-client';

/** One event as the client hands it out (`resolved.event`). */
export interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata?: unknown;
  position: { commit: bigint; prepare: bigint };
}

/** What the next append meets: an error before anything is stored, or an error after storing (an unknown outcome). */
/** `elapse` runs when the fault is met, e.g. to move a test's clock by the time the attempt took. */
export type AppendFault = { error: Error; afterStoring?: boolean; elapse?: () => void };

const READ_OPTIONS_DEFAULTS: Record<string, unknown> = { direction: 'forwards', maxCount: Number.MAX_SAFE_INTEGER };

const cancellable = <T>(items: readonly T[]) => ({
  async *[Symbol.asyncIterator]() {
    yield* items;
  },
  cancel: async () => undefined,
});

/**
 * The part of an EventStoreDB server the adapter talks to, put behind the real client's methods (the
 * network never used): streams with revisions, $all with positions, expected revision checks, and
 * scripted faults. `deduplicates` mirrors the server's idempotent retry; off, a repeated append is
 * refused as the server refuses one it cannot recognise.
 */
export class FakeEsdbServer {
  readonly log: FakeRecord[] = [];
  readonly faults: AppendFault[] = [];
  appendCalls = 0;
  deduplicates = true;
  /** Off, appends are answered without a position, as servers before 22.6 answered a repeated append. */
  answersWithPosition = true;
  /** Options of each append call, e.g. its deadline. */
  readonly appendOptions: Record<string, unknown>[] = [];
  private nextPosition = 100n;

  install(): jest.SpyInstance[] {
    const proto = EventStoreDBClient.prototype;
    return [
      jest.spyOn(proto, 'appendToStream').mockImplementation(((stream: string, events: EventData[], options: { expectedRevision: unknown }) => {
        this.appendOptions.push(options);
        return this.append(stream, events, options.expectedRevision);
      }) as never),
      jest.spyOn(proto, 'readStream').mockImplementation(((stream: string, options: Record<string, unknown>) => this.readStream(stream, options)) as never),
      jest.spyOn(proto, 'readAll').mockImplementation(((options: Record<string, unknown>) => this.readAll(options)) as never),
      jest.spyOn(proto, 'subscribeToAll').mockImplementation((() => this.subscribeToAll()) as never),
    ];
  }

  /** Puts an event in the log as another writer would, e.g. one whose data is not JSON. */
  put(record: Omit<FakeRecord, 'revision' | 'position' | 'created'>): FakeRecord {
    const stored: FakeRecord = {
      ...record,
      revision: BigInt(this.stream(record.streamId).length),
      created: new Date(0),
      position: { commit: this.nextPosition, prepare: this.nextPosition },
    };
    this.nextPosition += 10n;
    this.log.push(stored);
    return stored;
  }

  stream(name: string): FakeRecord[] {
    return this.log.filter((record) => record.streamId === name);
  }

  private async append(stream: string, events: EventData[], expected: unknown) {
    this.appendCalls += 1;
    const fault = this.faults.shift();
    fault?.elapse?.();
    if (fault !== undefined && !fault.afterStoring) throw fault.error;
    const current = this.stream(stream);
    const revision = current.length === 0 ? 'no_stream' : BigInt(current.length - 1);
    const from = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : current.length;
    const repeated = current.slice(from, from + events.length);
    if (this.deduplicates && repeated.length === events.length && repeated.every((r, i) => r.id === events[i].id.toLowerCase())) {
      const last = repeated[repeated.length - 1];
      return { success: true, nextExpectedRevision: last.revision, position: this.answersWithPosition ? last.position : undefined };
    }
    const matches = expected === 'any' || (expected === 'no_stream' ? revision === 'no_stream' : expected === 'stream_exists' ? revision !== 'no_stream' : expected === revision);
    if (!matches) throw new WrongExpectedVersionError(undefined, { streamName: stream, expected: expected as bigint, current: revision });
    let last: FakeRecord | undefined;
    for (const event of events) {
      last = this.put({ streamId: stream, id: event.id.toLowerCase(), type: event.type, isJson: true, data: event.data, metadata: event.metadata });
    }
    if (fault !== undefined) throw fault.error;
    return { success: true, nextExpectedRevision: last!.revision, position: this.answersWithPosition ? last!.position : undefined };
  }

  private readStream(stream: string, options: Record<string, unknown>) {
    const { direction, maxCount, fromRevision } = { ...READ_OPTIONS_DEFAULTS, ...options };
    const records = this.stream(stream);
    if (records.length === 0) throw Object.assign(new Error(`${stream} not found`), { type: 'stream-not-found' });
    const ordered = direction === 'backwards' ? [...records].reverse() : records;
    const from = typeof fromRevision === 'bigint' ? fromRevision : undefined;
    const selected = ordered.filter((r) => from === undefined || (direction === 'backwards' ? r.revision <= from : r.revision >= from));
    return cancellable(selected.slice(0, Number(maxCount)).map((event) => ({ event })));
  }

  private readAll(options: Record<string, unknown>) {
    const { direction, maxCount, fromPosition } = { ...READ_OPTIONS_DEFAULTS, ...options };
    const backwards = direction === 'backwards';
    const from = typeof fromPosition === 'object' && fromPosition !== null ? (fromPosition as { commit: bigint }).commit : undefined;
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const selected = ordered.filter((r) => from === undefined || (backwards ? r.position.commit < from : r.position.commit >= from));
    return cancellable(selected.slice(0, Number(maxCount)).map((event) => ({ event })));
  }

  /** Delivers the log as it is, then waits until unsubscribed. */
  private subscribeToAll() {
    const records = [...this.log];
    let release: () => void = () => undefined;
    const unsubscribed = new Promise<void>((resolve) => (release = resolve));
    return {
      async *[Symbol.asyncIterator]() {
        for (const event of records) yield { event };
        await unsubscribed;
      },
      unsubscribe: async () => release(),
    };
  }
}
