import { WrongExpectedRevisionError } from '../errors';
import { collect, events, newEvent, streamIn, take, uniqueCategory } from '../contract/fixtures';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite event store: appends to several streams in one transaction', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:', pageCacheKiB: 8 * 1024 });
  });
  afterEach(() => store.close());

  it('writes every part in order, each as its own append would, and answers each', async () => {
    const category = uniqueCategory();
    const [a, b] = [streamIn(category), streamIn(category)];
    const results = await store.appendAtomically([
      { streamName: a, events: events(2), expected: 'no_stream' },
      { streamName: b, events: events(1), expected: 'no_stream' },
      { streamName: a, events: events(1), expected: 1 },
    ]);
    expect(results.map((r) => [r.nextExpectedRevision, r.position])).toEqual([[1, 2n], [0, 3n], [2, 4n]]);
    expect((await collect(store.readAll())).map((e) => [e.streamName, e.revision])).toEqual([[a, 0], [a, 1], [b, 0], [a, 2]]);
  });

  it('writes none of the parts when one fails, and throws its error', async () => {
    const category = uniqueCategory();
    const [a, b] = [streamIn(category), streamIn(category)];
    await store.appendToStream(b, events(1), 'no_stream');
    const appending = store.appendAtomically([
      { streamName: a, events: events(3), expected: 'no_stream' },
      { streamName: b, events: events(1), expected: 'no_stream' },
    ]);
    await expect(appending).rejects.toThrow(WrongExpectedRevisionError);
    expect(await store.streamRevision(a)).toBeNull();
    expect(await store.headPosition()).toBe(1n);
  });

  it('recognises the same parts written again as a retry: nothing new, the same answers', async () => {
    const parts = [{ streamName: streamIn(uniqueCategory()), events: events(2), expected: 'no_stream' as const }];
    const first = await store.appendAtomically(parts);
    expect(await store.appendAtomically(parts)).toEqual(first);
    expect(await store.headPosition()).toBe(2n);
  });

  it('lands after appends queued before it, and wakes live subscribers', async () => {
    const category = uniqueCategory();
    const received = take(store.subscribeToAll({ filter: { categories: [category] } }), 2, 5000);
    const stream = streamIn(category);
    const queued = store.appendToStream(stream, [newEvent('First')], 'no_stream');
    await store.appendAtomically([{ streamName: stream, events: [newEvent('Second')], expected: 0 }]);
    await queued;
    expect((await received).map((e) => e.type)).toEqual(['First', 'Second']);
  });
});
