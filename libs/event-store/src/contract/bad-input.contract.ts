import { InvalidEventStoreRequestError } from '../errors';
import type { EventStore } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { NewEvent } from '../events';
import type { JsonObject } from '../json';
import { newEvent, streamIn, uniqueCategory } from './fixtures';

const cyclic = (): JsonObject => {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value as JsonObject;
};

const badData: Array<[string, unknown]> = [
  ['a bigint', { amount: 10n }],
  ['a function', { f: () => 1 }],
  ['undefined', { maybe: undefined }],
  ['NaN', { n: Number.NaN }],
  ['Infinity', { n: Number.POSITIVE_INFINITY }],
  ['a Date', { at: new Date() }],
  ['a Map', { m: new Map() }],
  ['a cycle', cyclic()],
  ['an array instead of an object', [1, 2]],
  ['a string instead of an object', 'text'],
];

export const describeBadInputContract = (store: () => EventStore): void => {
  describe('bad input is a typed error and writes nothing', () => {
    const expectRefused = async (stream: string, append: Promise<unknown>): Promise<void> => {
      const head = await store().headPosition();
      await expect(append).rejects.toBeInstanceOf(InvalidEventStoreRequestError);
      expect(await store().headPosition()).toBe(head);
      if (/^[A-Za-z]/.test(stream) && stream.includes('-')) {
        expect(await store().streamRevision(stream).catch(() => null)).toBeNull();
      }
    };

    it.each(['', 'no_dash', '-leading', 'lead-', 'lead-has space', '$all-x', 'lead-a/b', 'x'.repeat(300)])(
      'refuses the stream name %j',
      async (name) => expectRefused(name, store().appendToStream(name, [newEvent()], 'any')),
    );

    it.each(badData)('refuses data holding %s', async (_, data) => {
      const stream = streamIn(uniqueCategory());
      await expectRefused(stream, store().appendToStream(stream, [newEvent('E', data as JsonObject)], 'any'));
    });

    it.each<[string, unknown]>([
      ['a negative revision', -1],
      ['a fraction', 1.5],
      ['an unknown word', 'latest'],
      ['a revision as text', '3'],
      ['null', null],
    ])('refuses %s as the expectation', async (_, expected) => {
      const stream = streamIn(uniqueCategory());
      await expectRefused(stream, store().appendToStream(stream, [newEvent()], expected as ExpectedRevision));
    });

    it.each<[string, (e: NewEvent) => unknown]>([
      ['an id that is not a uuid', (e) => ({ ...e, id: 'not-a-uuid' })],
      ['an empty type', (e) => ({ ...e, type: '' })],
      ['metadata without an actor', (e) => ({ ...e, metadata: { ...e.metadata, actor: undefined } })],
      ['an occurredAt that is not a time', (e) => ({ ...e, metadata: { ...e.metadata, occurredAt: 'yesterday' } })],
    ])('refuses an event with %s', async (_, mangle) => {
      const stream = streamIn(uniqueCategory());
      await expectRefused(stream, store().appendToStream(stream, [mangle(newEvent()) as NewEvent], 'any'));
    });

    it('refuses an empty append and one that repeats an id', async () => {
      const stream = streamIn(uniqueCategory());
      await expectRefused(stream, store().appendToStream(stream, [], 'any'));
      const event = newEvent();
      await expectRefused(stream, store().appendToStream(stream, [event, { ...event }], 'any'));
    });

    it('leaves an existing stream untouched when a later append is refused', async () => {
      const stream = streamIn(uniqueCategory());
      await store().appendToStream(stream, [newEvent('E', { kept: true })], 'no_stream');
      await expect(store().appendToStream(stream, [newEvent(), newEvent('E', { bad: 1n } as never)], 0)).rejects.toBeInstanceOf(
        InvalidEventStoreRequestError,
      );
      expect(await store().streamRevision(stream)).toBe(0);
    });
  });
};
