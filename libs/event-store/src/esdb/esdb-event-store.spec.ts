import { EventStoreDBClient } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreClosedError, InvalidEventStoreRequestError } from '../errors';
import type { ExpectedRevision } from '../expected-revision';
import type { NewEvent } from '../events';
import type { LogFilter } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

/** Nothing listens there: any request that reached the network would fail with a different error. */
const UNREACHABLE = 'esdb://127.0.0.1:1?tls=false';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: {},
  metadata: { actor: 'u', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString() },
});

const first = async (iterable: AsyncIterable<unknown>): Promise<unknown> => {
  for await (const item of iterable) return item;
  return undefined;
};

describe('EventStoreDB adapter, bad input before any network call', () => {
  let store: EsdbEventStore;
  const network = ['appendToStream', 'readStream', 'readAll', 'subscribeToAll'] as const;
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    spies = network.map((method) => jest.spyOn(EventStoreDBClient.prototype, method));
    store = new EsdbEventStore({ connectionString: UNREACHABLE });
  });
  afterEach(async () => {
    await store.close();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    jest.restoreAllMocks();
  });

  it.each<[string, () => Promise<unknown>]>([
    ['a bad stream name', () => store.appendToStream('$all-x', [event()], 'any')],
    ['a bad expectation', () => store.appendToStream('lead-1', [event()], 'latest' as ExpectedRevision)],
    ['no events', () => store.appendToStream('lead-1', [], 'any')],
    ['an event with a bigint', () => store.appendToStream('lead-1', [{ ...event(), data: { n: 1n } as never }], 'any')],
    ['a repeated id', () => { const e = event(); return store.appendToStream('lead-1', [e, { ...e }], 'any'); }],
    ['a bad stream to read', () => first(store.readStream('no_dash'))],
    ['a negative maxCount', () => first(store.readStream('lead-1', { maxCount: -1 }))],
    ['a fractional fromRevision', () => first(store.readStream('lead-1', { fromRevision: 1.5 }))],
    ['a position that is not a bigint', () => first(store.readAll({ after: 3 as never }))],
    ['a filter with an empty category', () => first(store.readAll({ filter: { categories: [''] } }))],
    ['a bad stream for its revision', () => store.streamRevision('lead-')],
  ])('refuses %s with InvalidEventStoreRequestError', async (_, call) => {
    await expect(call()).rejects.toBeInstanceOf(InvalidEventStoreRequestError);
  });

  it('refuses a bad subscription synchronously', () => {
    expect(() => store.subscribeToAll({ after: -1n })).toThrow(InvalidEventStoreRequestError);
    expect(() => store.subscribeToAll({ filter: { eventTypes: 'Opened' } as unknown as LogFilter })).toThrow(
      InvalidEventStoreRequestError,
    );
  });

  it('reads nothing, without asking the server, when maxCount is 0', async () => {
    await expect(first(store.readStream('lead-1', { maxCount: 0 }))).resolves.toBeUndefined();
    await expect(first(store.readAll({ maxCount: 0 }))).resolves.toBeUndefined();
  });

  it('refuses every operation once closed', async () => {
    await store.close();
    await expect(store.appendToStream('lead-1', [event()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(first(store.readStream('lead-1'))).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosedError);
    expect(() => store.subscribeToAll()).toThrow(EventStoreClosedError);
  });
});
