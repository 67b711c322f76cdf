import { randomUUID } from 'node:crypto';
import { UnreadableEventError, type UnreadableEvent } from '../errors';
import type { NewEvent, RecordedEvent } from '../events';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-server';

const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

const event = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: { n },
  metadata: { actor: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2024-01-01T00:00:00Z' },
});

const collect = async (iterable: AsyncIterable<RecordedEvent>, count = Infinity): Promise<unknown[]> => {
  const seen: unknown[] = [];
  if (count === 0) return seen;
  for await (const read of iterable) {
    seen.push(read.data.n);
    if (seen.length === count) break;
  }
  return seen;
};

/** Events other tools could write to the same server: bytes, broken JSON, metadata that is not JSON. */
const putUnreadable = (server: FakeEsdbServer): void => {
  server.put({ streamId: 'lead-2', id: randomUUID(), type: 'Binary', isJson: false, data: new Uint8Array([1, 2]) });
  server.put({ streamId: 'lead-2', id: randomUUID(), type: 'BrokenJson', isJson: true, data: '{"n": 2' });
  server.put({ streamId: 'lead-2', id: randomUUID(), type: 'BadMetadata', isJson: true, data: { n: 3 }, metadata: new Uint8Array([123]) });
};

describe('EventStoreDB events that are not JSON', () => {
  let server: FakeEsdbServer;
  let store: EsdbEventStore;
  let reported: UnreadableEvent[];

  beforeEach(async () => {
    server = new FakeEsdbServer();
    server.install();
    reported = [];
    store = new EsdbEventStore({ connectionString: UNREACHABLE, onUnreadableEvent: (unreadable) => reported.push(unreadable) });
    await store.appendToStream('lead-1', [event(1)], 'no_stream');
    putUnreadable(server);
    await store.appendToStream('lead-1', [event(4)], 0);
  });
  afterEach(async () => {
    await store.close();
    jest.restoreAllMocks();
  });

  it('are reported and skipped by a read of the whole log, which goes on to the end', async () => {
    expect(await collect(store.readAll())).toEqual([1, 4]);
    expect(reported.map((r) => [r.type, r.streamName, r.revision])).toEqual([['Binary', 'lead-2', 0], ['BrokenJson', 'lead-2', 1], ['BadMetadata', 'lead-2', 2]]);
    expect(reported[0]).toMatchObject({ id: server.stream('lead-2')[0].id, position: server.stream('lead-2')[0].position.commit, reason: expect.stringMatching(/data is not a JSON object/) });
    expect(reported[2].reason).toMatch(/metadata is not JSON/);
  });

  it('are reported and skipped by a subscription, which goes on with the next events', async () => {
    const subscription = store.subscribeToAll();
    expect(await collect(subscription, 2)).toEqual([1, 4]);
    await subscription.close();
    expect(reported).toHaveLength(3);
  });

  it('are told to a read\'s or a subscription\'s own handler instead of the store\'s, when given', async () => {
    const ownRead: string[] = [];
    expect(await collect(store.readAll({ onUnreadable: (u) => ownRead.push(u.type) }))).toEqual([1, 4]);
    const ownSubscription: string[] = [];
    const subscription = store.subscribeToAll({ onUnreadable: (u) => ownSubscription.push(u.type) });
    expect(await collect(subscription, 2)).toEqual([1, 4]);
    await subscription.close();
    expect(ownRead).toEqual(['Binary', 'BrokenJson', 'BadMetadata']);
    expect(ownSubscription).toEqual(ownRead);
    expect(reported).toEqual([]);
  });

  it('do not include events whose metadata is JSON but not an object: those read with no metadata, as before', async () => {
    server.put({ streamId: 'lead-3', id: randomUUID(), type: 'NullMetadata', isJson: true, data: { n: 5 }, metadata: null });
    server.put({ streamId: 'lead-3', id: randomUUID(), type: 'ArrayMetadata', isJson: true, data: { n: 6 }, metadata: [1, 2] });
    const read: RecordedEvent[] = [];
    for await (const recorded of store.readStream('lead-3')) read.push(recorded);
    expect(read.map((r) => [r.type, r.metadata])).toEqual([['NullMetadata', {}], ['ArrayMetadata', {}]]);
    expect(await collect(store.readAll())).toEqual([1, 4, 5, 6]);
    expect(reported).toHaveLength(3);
  });

  it('fail a read of their own stream with a typed error: a history with a gap would decide wrongly', async () => {
    await expect(collect(store.readStream('lead-2'))).rejects.toMatchObject({
      constructor: UnreadableEventError,
      code: 'UNREADABLE_EVENT',
      event: expect.objectContaining({ type: 'Binary', streamName: 'lead-2' }),
    });
  });
});
