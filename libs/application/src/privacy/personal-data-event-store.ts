import type {
  AppendResult, EventStore, ExpectedRevision, GlobalPosition, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  SubscribeOptions, Subscription,
} from '@crm/event-store';
import type { PersonalDataCodec } from './personal-data-codec';

/** Events read ahead to load their subjects' keys in one key-store read. */
const CHUNK = 512;

/**
 * The event store as the rest of the system sees it: personal fields come out opened (or null for
 * an erased person), and nothing goes in with personal fields in the clear. Sealing happens before
 * an event is chained (AggregateStore), so the hash chain covers the stored bytes; `stored` is the
 * store underneath, as it holds the events, for the audit that recomputes that chain.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    readonly stored: EventStore,
    private readonly codec: PersonalDataCodec,
  ) {}

  async appendToStream(streamName: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const plain = events.find((event) => this.codec.hasPlainFields(event));
    if (plain) throw new Error(`${plain.type} ${plain.id} holds personal data in the clear: seal it before it is chained and appended`);
    return this.stored.appendToStream(streamName, events, expectedRevision);
  }

  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.opened(() => this.stored.readStream(streamName, options));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.opened(() => this.stored.readAll(options));
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const subscription = this.stored.subscribeToAll(options);
    const codec = this.codec;
    return {
      close: () => subscription.close(),
      [Symbol.asyncIterator]: () => {
        const source = subscription[Symbol.asyncIterator]();
        return {
          async next(): Promise<IteratorResult<RecordedEvent>> {
            const result = await source.next();
            if (result.done) return result;
            // No refresh here: a live reader sees a person's PersonErased after their earlier events,
            // so opening those with a key destroyed meanwhile changes nothing it keeps.
            const subjectId = codec.subjectOf(result.value);
            if (subjectId !== null && !codec.keys.has(subjectId)) await codec.keys.load([subjectId]);
            return { value: codec.open(result.value), done: false };
          },
          return: async () => (await source.return?.()) ?? { value: undefined, done: true },
        };
      },
    };
  }

  streamRevision(streamName: string): Promise<number | null> {
    return this.stored.streamRevision(streamName);
  }

  headPosition(): Promise<GlobalPosition | null> {
    return this.stored.headPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  /**
   * Reads ahead a chunk, loads the keys it needs at once, then serves the chunk with resolved
   * promises (an async generator would cost several promise hops per event on the rebuild's path).
   */
  private opened(read: () => AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    const codec = this.codec;
    return {
      [Symbol.asyncIterator]: () => {
        const source = read()[Symbol.asyncIterator]();
        let chunk: RecordedEvent[] = [];
        let index = 0;
        let exhausted = false;
        let refreshed = false;
        const refill = async (): Promise<IteratorResult<RecordedEvent>> => {
          if (!refreshed) {
            await codec.keys.refresh();
            refreshed = true;
          }
          chunk = [];
          index = 0;
          while (!exhausted && chunk.length < CHUNK) {
            const result = await source.next();
            if (result.done) exhausted = true;
            else chunk.push(result.value);
          }
          const subjects: string[] = [];
          for (const event of chunk) {
            const subjectId = codec.subjectOf(event);
            if (subjectId !== null && !codec.keys.has(subjectId)) subjects.push(subjectId);
          }
          if (subjects.length > 0) await codec.keys.load(subjects);
          for (const event of chunk) codec.open(event);
          return index < chunk.length ? { value: chunk[index++], done: false } : { value: undefined, done: true };
        };
        return {
          next: () => (index < chunk.length ? Promise.resolve({ value: chunk[index++], done: false }) : exhausted ? Promise.resolve({ value: undefined, done: true }) : refill()),
          return: async () => {
            exhausted = true;
            chunk = [];
            await source.return?.();
            return { value: undefined, done: true };
          },
        };
      },
    };
  }
}
