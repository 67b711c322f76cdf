import type { EventStore } from '../event-store.port';
import { describeAppendContract } from './append.contract';
import { describeBadInputContract } from './bad-input.contract';
import { describeReadContract } from './read.contract';
import { describeSubscriptionContract } from './subscription.contract';
import { collect, newEvent, streamIn, uniqueCategory } from './fixtures';

/**
 * How a contract suite reaches one adapter. `open` may be called many times during the suite and must
 * return a store over the same data (a reopened file, a new client to the same server).
 */
export interface EventStoreHarness {
  open(): Promise<EventStore>;
  /** EventStoreDB deduplicates event ids per stream only; SQLite keeps them unique in the whole log. */
  globallyUniqueEventIds: boolean;
}

/** The behaviour every adapter must show, run once per adapter. */
export const describeEventStoreContract = (adapter: string, harness: EventStoreHarness): void => {
  describe(`${adapter} event store contract`, () => {
    let store: EventStore;
    const current = (): EventStore => store;

    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    describeAppendContract(current, harness.globallyUniqueEventIds);
    describeReadContract(current);
    describeSubscriptionContract(current);
    describeBadInputContract(current);

    it('keeps every acknowledged event across close and reopen', async () => {
      const category = uniqueCategory();
      const streams = Array.from({ length: 20 }, () => streamIn(category));
      const written = await Promise.all(
        streams.map((stream, i) => store.appendToStream(stream, [newEvent('Restarted', { i })], 'no_stream')),
      );
      await store.close();
      store = await harness.open();
      for (const [i, stream] of streams.entries()) {
        const [event] = await collect(store.readStream(stream));
        expect(event.data).toEqual({ i });
        expect(event.position).toBe(written[i].position);
      }
    });
  });
};
