import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store.port';
import { collect, events, newEvent, streamIn, uniqueCategory } from './fixtures';

export const describeAppendContract = (store: () => EventStore, globallyUniqueEventIds: boolean): void => {
  describe('append with an expected revision', () => {
    let stream: string;
    beforeEach(() => {
      stream = streamIn(uniqueCategory());
    });

    it('no_stream creates a stream from revision 0 and then refuses, reporting the actual revision', async () => {
      const first = await store().appendToStream(stream, events(2), 'no_stream');
      expect(first.nextExpectedRevision).toBe(1);
      await expect(store().appendToStream(stream, events(1), 'no_stream')).rejects.toMatchObject({
        code: 'CONFLICT', streamName: stream, expected: 'no_stream', actual: 1,
      });
    });

    it('an exact revision appends after it and conflicts otherwise, with expected and actual', async () => {
      await store().appendToStream(stream, events(3), 'no_stream');
      const next = await store().appendToStream(stream, events(1), 2);
      expect(next.nextExpectedRevision).toBe(3);
      await expect(store().appendToStream(stream, events(1), 1)).rejects.toMatchObject({
        code: 'CONFLICT', streamName: stream, expected: 1, actual: 3,
      });
      await expect(store().appendToStream(streamIn(uniqueCategory()), events(1), 0)).rejects.toMatchObject({
        code: 'CONFLICT', expected: 0, actual: 'no_stream',
      });
    });

    it('stream_exists refuses a missing stream and accepts an existing one', async () => {
      await expect(store().appendToStream(stream, events(1), 'stream_exists')).rejects.toMatchObject({
        code: 'CONFLICT', expected: 'stream_exists', actual: 'no_stream',
      });
      await store().appendToStream(stream, events(1), 'no_stream');
      await expect(store().appendToStream(stream, events(1), 'stream_exists')).resolves.toMatchObject({ nextExpectedRevision: 1 });
    });

    it('any appends whatever the state', async () => {
      await expect(store().appendToStream(stream, events(1), 'any')).resolves.toMatchObject({ nextExpectedRevision: 0 });
      await expect(store().appendToStream(stream, events(1), 'any')).resolves.toMatchObject({ nextExpectedRevision: 1 });
    });

    it('a conflict writes nothing', async () => {
      await store().appendToStream(stream, events(1), 'no_stream');
      await expect(store().appendToStream(stream, events(5), 7)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().streamRevision(stream)).toBe(0);
    });

    it('appending the same event ids with the same expectation again succeeds and writes nothing new', async () => {
      const batch = events(3);
      const first = await store().appendToStream(stream, batch, 'no_stream');
      const retry = await store().appendToStream(stream, batch, 'no_stream');
      expect(retry).toEqual(first);
      const more = [newEvent()];
      const second = await store().appendToStream(stream, more, 2);
      expect(await store().appendToStream(stream, more, 2)).toEqual(second);
      expect((await collect(store().readStream(stream))).map((e) => e.id)).toEqual([...batch, ...more].map((e) => e.id));
    });

    (globallyUniqueEventIds ? it : it.skip)('refuses an event id that is already stored somewhere else (skipped where ids are unique per stream only)', async () => {
      const event = newEvent();
      await store().appendToStream(stream, [event], 'no_stream');
      const other = streamIn(uniqueCategory());
      await expect(store().appendToStream(other, [{ ...event }], 'no_stream')).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store().streamRevision(other)).toBeNull();
    });

    it('lets exactly one of many concurrent writers with the same expected revision win', async () => {
      await store().appendToStream(stream, events(1), 'no_stream');
      const writers = Array.from({ length: 16 }, () => store().appendToStream(stream, [newEvent()], 0));
      const outcomes = await Promise.allSettled(writers);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(15);
      for (const loss of lost) expect(loss.reason).toMatchObject({ code: 'CONFLICT', expected: 0, actual: 1 });
      expect(await store().streamRevision(stream)).toBe(1);
    });

    it('acknowledges many concurrent writers to different streams, each with its own revision', async () => {
      const category = uniqueCategory();
      const streams = Array.from({ length: 64 }, () => streamIn(category));
      const results = await Promise.all(streams.map((s) => store().appendToStream(s, events(2), 'no_stream')));
      expect(results.every((r) => r.nextExpectedRevision === 1)).toBe(true);
      expect(new Set(results.map((r) => r.position)).size).toBe(64);
      for (const s of streams) expect(await store().streamRevision(s)).toBe(1);
    });

    it('reports the revision and head of the log', async () => {
      expect(await store().streamRevision(stream)).toBeNull();
      const result = await store().appendToStream(stream, events(4), 'no_stream');
      expect(await store().streamRevision(stream)).toBe(3);
      expect(await store().headPosition()).toBeGreaterThanOrEqual(result.position);
      const id = randomUUID();
      await store().appendToStream(stream, [newEvent('Later', {}, id)], 3);
      const [last] = await collect(store().readStream(stream, { direction: 'backwards', maxCount: 1 }));
      expect(last.id).toBe(id);
    });
  });
};
