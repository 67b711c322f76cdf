import type { EventStore } from '../event-store.port';
import { newEvent, readFiltered, streamIn, take, uniqueCategory } from './fixtures';

export const describeSubscriptionContract = (store: () => EventStore): void => {
  describe('subscribing to the whole log', () => {
    it('switches from catch-up to live with no gap and no duplicate while appends continue', async () => {
      const category = uniqueCategory();
      const streams = [streamIn(category), streamIn(category), streamIn(category)];
      let n = 0;
      const appendNext = (): Promise<unknown> => store().appendToStream(streams[n % 3], [newEvent('Counted', { n: n++ })], 'any');
      for (let i = 0; i < 30; i++) await appendNext();

      const subscription = store().subscribeToAll({ filter: { categories: [category] } });
      const received = take(subscription, 120);
      const writer = (async () => {
        for (let i = 0; i < 90; i++) {
          await appendNext();
          if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const [events] = await Promise.all([received, writer]);

      expect(events.map((e) => e.data.n)).toEqual(Array.from({ length: 120 }, (_, i) => i));
      for (let i = 1; i < events.length; i++) expect(events[i].position > events[i - 1].position).toBe(true);
    });

    it('starts strictly after the given position', async () => {
      const category = uniqueCategory();
      const stream = streamIn(category);
      await store().appendToStream(stream, [0, 1, 2, 3].map((n) => newEvent('Counted', { n })), 'no_stream');
      const log = await readFiltered(store(), { categories: [category] });
      const events = await take(store().subscribeToAll({ after: log[1].position, filter: { categories: [category] } }), 2);
      expect(events.map((e) => e.data.n)).toEqual([2, 3]);
    });

    it('delivers only the event types asked for, to every subscriber', async () => {
      const category = uniqueCategory();
      const filter = { categories: [category], eventTypes: ['Wanted'] };
      const first = take(store().subscribeToAll({ filter }), 3);
      const second = take(store().subscribeToAll({ filter }), 3);
      for (const type of ['Wanted', 'Unwanted', 'Wanted', 'Unwanted', 'Wanted']) {
        await store().appendToStream(streamIn(category), [newEvent(type)], 'no_stream');
      }
      for (const events of await Promise.all([first, second])) {
        expect(events.map((e) => e.type)).toEqual(['Wanted', 'Wanted', 'Wanted']);
      }
    });
  });
};
