import { AccessDeniedError, DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type { NewEvent } from '../events';
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

  const open = (retry: Partial<AppendRetryPolicy> = {}): EsdbEventStore =>
    new EsdbEventStore({
      connectionString: UNREACHABLE,
      appendRetry: { random: () => 0.5, sleep: async (ms) => void pauses.push(ms), ...retry },
    });

  beforeEach(() => {
    server = new FakeEsdbServer();
    server.install();
    pauses = [];
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
  ])('retries an append refused as %s, with growing jittered pauses, and stores it once', async (_, fault) => {
    server.faults.push({ error: fault() }, { error: fault() });
    const events = [event(), event()];
    const result = await store.appendToStream('lead-1', events, 'no_stream');
    expect(server.appendCalls).toBe(3);
    expect(pauses).toEqual([25, 50]);
    expect(server.stream('lead-1').map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(result).toEqual({ nextExpectedRevision: 1, position: server.stream('lead-1')[1].position.commit });
  });

  it('gives up after the allowed attempts with a typed UNAVAILABLE error, storing nothing', async () => {
    await store.close();
    store = open({ maxAttempts: 3 });
    server.faults.push(...[1, 2, 3, 4].map(() => ({ error: new UnavailableError() })));
    const failure = store.appendToStream('lead-1', [event()], 'no_stream');
    await expect(failure).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'UNAVAILABLE', attempts: 3, streamName: 'lead-1' });
    expect(server.appendCalls).toBe(3);
    expect(pauses).toHaveLength(2);
    expect(server.log).toEqual([]);
  });

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
    it.each([true, false])('answers as the first attempt would have (server deduplicates: %s)', async (deduplicates) => {
      server.deduplicates = deduplicates;
      await store.appendToStream('lead-1', [event()], 'no_stream');
      server.faults.push({ error: new DeadlineExceededError(), afterStoring: true });
      const events = [event(), event()];
      const result = await store.appendToStream('lead-1', events, 0);
      const stored = server.stream('lead-1');
      expect(stored.map((r) => r.id).slice(1)).toEqual(events.map((e) => e.id));
      expect(stored).toHaveLength(3);
      expect(result).toEqual({ nextExpectedRevision: 2, position: stored[2].position.commit });
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
