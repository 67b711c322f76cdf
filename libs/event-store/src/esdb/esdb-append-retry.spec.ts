import { AccessDeniedError, DeadlineExceededError, EventStoreDBClient, NotLeaderError, TimeoutError, UnavailableError, jsonEvent } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreClosedError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type { NewEvent } from '../events';
import { toAppendResult } from './esdb-append-outcome';
import { backoffDelayMs, type AppendRetryPolicy } from './esdb-append-retry';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-server';

const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: { n: 1 },
  metadata: { actor: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2024-01-01T00:00:00Z' },
});

/** The server's answer on a follower: the leader to reconnect to is in its metadata. */
const notLeader = { metadata: { getMap: () => ({ 'leader-endpoint-host': 'node-2', 'leader-endpoint-port': '2113' }) } };

describe('EventStoreDB appends on transient failures', () => {
  let server: FakeEsdbServer;
  let store: EsdbEventStore;
  let pauses: number[];
  /** The test's clock, in ms: pauses move it, and so do faults that stand for a slow attempt. */
  let clock: number;

  const open = (retry: Partial<AppendRetryPolicy> = {}): EsdbEventStore =>
    new EsdbEventStore({
      connectionString: UNREACHABLE,
      appendRetry: { random: () => 0.5, sleep: async (ms) => void (pauses.push(ms), (clock += ms)), now: () => clock, ...retry },
    });

  beforeEach(() => {
    server = new FakeEsdbServer();
    server.install();
    pauses = [];
    clock = 0;
    store = open();
  });
  afterEach(async () => {
    await store.close();
    jest.restoreAllMocks();
  });

  it.each([
    ['not leader', () => new NotLeaderError(notLeader as never)],
    ['unavailable', () => new UnavailableError()],
    ['deadline exceeded', () => new DeadlineExceededError()],
    ['timeout (the server\'s commit timeout)', () => new TimeoutError(Object.assign(new Error('commit timeout'), { code: 10, details: 'commit timeout' }) as never)],
  ])('retries an append refused as %s, with growing jittered pauses, and stores it once', async (_, fault) => {
    server.faults.push({ error: fault() }, { error: fault() });
    const events = [event(), event()];
    const result = await store.appendToStream('lead-1', events, 'no_stream');
    expect(server.appendCalls).toBe(3);
    expect(pauses).toEqual([25, 50]);
    expect(server.stream('lead-1').map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(result).toEqual({ nextExpectedRevision: 1, position: server.stream('lead-1')[1].position.commit });
  });

  it('gives up once a retry would start past the allowed time, with a typed UNAVAILABLE error, storing nothing', async () => {
    await store.close();
    store = open({ maxRetryMs: 5_000, attemptDeadlineMs: 2_000, random: () => 0.999 });
    const slowAttempt = { error: new DeadlineExceededError(), elapse: () => void (clock += 2_000) };
    server.faults.push(...Array.from({ length: 10 }, () => ({ ...slowAttempt })));
    const failure = store.appendToStream('lead-1', [event()], 'no_stream');
    await expect(failure).rejects.toBeInstanceOf(EventStoreUnavailableError);
    // 2 s attempt, 49 ms pause, 2 s attempt, 99 ms pause, 2 s attempt: a third pause would pass 5 s.
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', attempts: 3, streamName: 'lead-1' });
    expect(server.appendCalls).toBe(3);
    expect(pauses).toEqual([49, 99]);
    expect(server.appendOptions.map((options) => options.deadline)).toEqual([2_000, 2_000, 2_000]);
    expect(server.log).toEqual([]);
  });

  it('does not retry an append whose store was closed during the pause before the retry', async () => {
    await store.close();
    store = open({ sleep: async () => void (await store.close()) });
    server.faults.push({ error: new UnavailableError() });
    await expect(store.appendToStream('lead-1', [event()], 'no_stream')).rejects.toBeInstanceOf(EventStoreClosedError);
    expect(server.appendCalls).toBe(1);
  });

  it.each(['any', 'stream_exists'] as const)(
    'retries a %s append only when a follower refused it: after an unknown outcome it could be stored twice',
    async (expected) => {
      await store.appendToStream('lead-1', [event()], 'no_stream');
      server.faults.push({ error: new NotLeaderError(notLeader as never) });
      await store.appendToStream('lead-1', [event()], expected);
      expect(server.appendCalls).toBe(3);
      server.faults.push({ error: new DeadlineExceededError(), afterStoring: true });
      await expect(store.appendToStream('lead-1', [event()], expected)).rejects.toBeInstanceOf(DeadlineExceededError);
      expect(server.appendCalls).toBe(4);
      expect(server.stream('lead-1')).toHaveLength(3);
    },
  );

  it('does not retry a refusal that is not transient', async () => {
    server.faults.push({ error: new AccessDeniedError() });
    await expect(store.appendToStream('lead-1', [event()], 'any')).rejects.toBeInstanceOf(AccessDeniedError);
    expect(server.appendCalls).toBe(1);
  });

  it('does not retry a wrong expected revision on the first attempt', async () => {
    await store.appendToStream('lead-1', [event()], 'no_stream');
    await expect(store.appendToStream('lead-1', [event()], 'no_stream')).rejects.toMatchObject({
      constructor: WrongExpectedRevisionError, actual: 0,
    });
    expect(server.appendCalls).toBe(2);
  });

  describe('after an attempt whose outcome is unknown (stored, then the answer was lost)', () => {
    it.each([
      ['no_stream', true], ['no_stream', false], [0, true], [0, false],
    ] as const)('answers a %s append as the first attempt would have (server deduplicates: %s)', async (expected, deduplicates) => {
      server.deduplicates = deduplicates;
      if (expected === 0) await store.appendToStream('lead-1', [event()], 'no_stream');
      const before = server.stream('lead-1').length;
      server.faults.push({ error: new DeadlineExceededError(), afterStoring: true });
      const events = [event(), event()];
      const result = await store.appendToStream('lead-1', events, expected);
      const stored = server.stream('lead-1');
      expect(stored.map((r) => r.id).slice(before)).toEqual(events.map((e) => e.id));
      expect(stored).toHaveLength(before + 2);
      expect(result).toEqual({ nextExpectedRevision: before + 1, position: stored[before + 1].position.commit });
    });

    it('finds its events by id whatever the case they are given in, when the server answers without a position', async () => {
      server.answersWithPosition = false;
      const events = [event(), event()];
      const answer = await EventStoreDBClient.connectionString(UNREACHABLE).appendToStream('lead-1', events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data })), { expectedRevision: 'no_stream' });
      expect(answer.position).toBeUndefined();
      const serialized = events.map((e) => ({ id: e.id.toUpperCase(), type: e.type, data: e.data, metadata: e.metadata }));
      const result = await toAppendResult(EventStoreDBClient.connectionString(UNREACHABLE), 'lead-1', serialized, answer);
      expect(result).toEqual({ nextExpectedRevision: 1, position: server.stream('lead-1')[1].position.commit });
    });

    it('still refuses when what follows the expected revision is someone else\'s append', async () => {
      server.deduplicates = false;
      await store.appendToStream('lead-1', [event()], 'no_stream');
      await store.close();
      // Another writer takes revision 1 while this one pauses before its retry.
      const otherWriter = async (): Promise<void> => void server.put({ streamId: 'lead-1', id: randomUUID(), type: 'LeadQualified', isJson: true, data: {} });
      store = open({ sleep: otherWriter });
      server.faults.push({ error: new UnavailableError() });
      await expect(store.appendToStream('lead-1', [event()], 0)).rejects.toMatchObject({ constructor: WrongExpectedRevisionError, actual: 1 });
      expect(server.stream('lead-1')).toHaveLength(2);
    });
  });

  it('draws each pause below a cap that doubles up to the maximum', () => {
    const policy = { baseDelayMs: 50, maxDelayMs: 300, random: () => 0.999 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([49, 99, 199, 299, 299]);
    expect(backoffDelayMs(3, { ...policy, random: () => 0 })).toBe(0);
  });
});
