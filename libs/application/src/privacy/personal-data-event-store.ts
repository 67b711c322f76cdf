import type {
  AppendResult, EventStore, ExpectedRevision, GlobalPosition, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  SubscribeOptions, Subscription,
} from '@crm/event-store';
import { inCurrentShape } from '../core/current-shape';
import { OpenedReader } from './opened-reader';
import type { PersonalDataCodec } from './personal-data-codec';

/**
 * The event store as the rest of the system sees it: personal fields come out opened (or null for
 * an erased person), events stored in an older shape come out in today's (`inCurrentShape`), and
 * nothing goes in with personal fields in the clear. Sealing happens before
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
            return { value: inCurrentShape(codec.open(result.value)), done: false };
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

  private opened(read: () => AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    return { [Symbol.asyncIterator]: () => new OpenedReader(read()[Symbol.asyncIterator](), this.codec) };
  }
}
