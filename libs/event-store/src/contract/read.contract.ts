import { StreamNotFoundError } from '../errors';
import type { EventStore } from '../event-store.port';
import { collect, events, newEvent, readFiltered, streamIn, uniqueCategory } from './fixtures';

export const describeReadContract = (store: () => EventStore): void => {
  describe('reading', () => {
    it('reads one stream forwards and backwards, from a revision, with a maximum count', async () => {
      const stream = streamIn(uniqueCategory());
      await store().appendToStream(stream, events(10), 'no_stream');
      const all = await collect(store().readStream(stream));
      expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(all.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const middle = await collect(store().readStream(stream, { fromRevision: 4, maxCount: 3 }));
      expect(middle.map((e) => e.revision)).toEqual([4, 5, 6]);
      const backwards = await collect(store().readStream(stream, { direction: 'backwards', fromRevision: 5, maxCount: 2 }));
      expect(backwards.map((e) => e.revision)).toEqual([5, 4]);
      const tail = await collect(store().readStream(stream, { direction: 'backwards' }));
      expect(tail.map((e) => e.revision)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    });

    it('returns each event as written, with store-assigned stream, revision, position and time', async () => {
      const stream = streamIn(uniqueCategory());
      const event = newEvent('LeadCaptured', { name: 'Ada', nested: { list: [1, 'two', null, true] } });
      const before = Date.now();
      await store().appendToStream(stream, [event], 'no_stream');
      const [read] = await collect(store().readStream(stream));
      expect(read).toMatchObject({ id: event.id, type: 'LeadCaptured', data: event.data, streamName: stream, revision: 0 });
      expect(read.metadata).toMatchObject(event.metadata);
      expect(typeof read.position).toBe('bigint');
      expect(read.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    });

    it('says a stream that does not exist is not found', async () => {
      await expect(collect(store().readStream(streamIn(uniqueCategory())))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('tells a missing stream from an empty stretch of an existing one, read from any revision either way', async () => {
      const missing = streamIn(uniqueCategory());
      for (const options of [{}, { fromRevision: 3 }, { direction: 'backwards' as const }, { direction: 'backwards' as const, fromRevision: 3 }]) {
        await expect(collect(store().readStream(missing, options))).rejects.toBeInstanceOf(StreamNotFoundError);
      }
      const stream = streamIn(uniqueCategory());
      await store().appendToStream(stream, [newEvent('E', { n: 0 }), newEvent('E', { n: 1 })], 'no_stream');
      expect(await collect(store().readStream(stream, { fromRevision: 5 }))).toEqual([]);
      expect((await collect(store().readStream(stream, { direction: 'backwards', fromRevision: 0 }))).map((e) => e.data.n)).toEqual([0]);
      expect((await collect(store().readStream(stream, { direction: 'backwards' }))).map((e) => e.data.n)).toEqual([1, 0]);
    });

    it('reads the whole log in append order, after an exclusive position', async () => {
      const category = uniqueCategory();
      const [a, b] = [streamIn(category), streamIn(category)];
      await store().appendToStream(a, [newEvent('E', { n: 1 })], 'no_stream');
      await store().appendToStream(b, [newEvent('E', { n: 2 }), newEvent('E', { n: 3 })], 'no_stream');
      await store().appendToStream(a, [newEvent('E', { n: 4 })], 0);
      const log = await readFiltered(store(), { categories: [category] });
      expect(log.map((e) => e.data.n)).toEqual([1, 2, 3, 4]);
      expect(log.map((e) => e.streamName)).toEqual([a, b, b, a]);
      for (let i = 1; i < log.length; i++) expect(log[i].position > log[i - 1].position).toBe(true);
      const after = await collect(store().readAll({ after: log[1].position, filter: { categories: [category] } }));
      expect(after.map((e) => e.data.n)).toEqual([3, 4]);
      const limited = await collect(store().readAll({ after: log[0].position, maxCount: 2, filter: { categories: [category] } }));
      expect(limited.map((e) => e.data.n)).toEqual([2, 3]);
    });

    it('filters the log by category and by event type', async () => {
      const [one, two] = [uniqueCategory(), uniqueCategory()];
      await store().appendToStream(streamIn(one), [newEvent('Opened'), newEvent('Closed')], 'no_stream');
      await store().appendToStream(streamIn(two), [newEvent('Opened')], 'no_stream');
      expect((await readFiltered(store(), { categories: [one] })).map((e) => e.type)).toEqual(['Opened', 'Closed']);
      const both = await readFiltered(store(), { categories: [one, two], eventTypes: ['Opened'] });
      expect(both.map((e) => e.streamName.split('-')[0])).toEqual([one, two]);
    });
  });
};
