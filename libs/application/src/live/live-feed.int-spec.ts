import { randomUUID } from 'node:crypto';
import { ValidationError } from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { Projector, ReadModels } from '@crm/read-models';
import { eventsAfter, liveStoresForSuite, startLiveStores, takeNext, waitFor, type LiveStores } from '../testing/live-stores';
import { entityChangeOf, type EntityChange } from './entity-change';
import { LiveFeed } from './live-feed';
import { SlowSubscriberError } from './slow-subscriber.error';

/** The stored log, telling how far the feed has read it (the port decorated, as FaultyEventStore does). */
const watchedReads = (inner: EventStore, seen: { through: bigint }): EventStore =>
  new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return (options: Parameters<EventStore['readAll']>[0]) => ({
          async *[Symbol.asyncIterator]() {
            for await (const event of target.readAll(options)) {
              if (event.position > seen.through) seen.through = event.position;
              yield event;
            }
          },
        });
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

describe('LiveFeed over the SQLite log and the projector', () => {
  let stores: LiveStores;
  let feed: LiveFeed;

  beforeAll(async () => {
    stores = await startLiveStores();
    feed = new LiveFeed(stores.stored, stores.projector.readModels, { signals: stores.projector.signals });
    await feed.start();
  });
  afterAll(async () => {
    await feed.stop();
    await stores.close();
  });

  it('publishes a change only once the read models that read it have stored it', async () => {
    const stream = await feed.subscribe({ types: ['LEAD', 'ACCOUNT'] });
    const iterator = stream[Symbol.asyncIterator]();
    const leadId = await stores.captureLead();
    await stores.updateLead(leadId, 'Chef');
    const accountId = await stores.registerAccount();
    for (const [logical, id] of [['leads', leadId], ['leads', leadId], ['accounts', accountId]] as const) {
      const [change] = await takeNext(iterator, 1);
      const doc = await stores.doc(logical, id);
      expect(change.id).toBe(id);
      // Documents carry the position of the last event applied to them.
      expect(doc?.lastPosition).toBeGreaterThanOrEqual(Number(change.position));
    }
    stream.close();
  });

  it('gives each subscription only the changes of its types and ids, and none of streams that are no entity', async () => {
    const [leadA, leadB, account] = [randomUUID(), randomUUID(), randomUUID()];
    const after = (await stores.stored.headPosition()) as bigint;
    const accounts = await feed.subscribe({ types: ['ACCOUNT'] });
    const ofLeadA = await feed.subscribe({ ids: [leadA] });
    const never = await feed.subscribe({ ids: [account], types: ['LEAD'] });
    const everything = await feed.subscribe({}, { after });
    await stores.captureLead(leadA);
    await stores.captureLead(leadB);
    await stores.registerAccount(account);
    await stores.updateLead(leadA, 'Baker');
    const other = await stores.stored.appendToStream(`note-${randomUUID()}`, [{
      id: randomUUID(), type: 'NoteWritten', data: {}, metadata: { actor: 'rep-1', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() },
    }], 'no_stream');
    await stores.renameAccount(account, 'Renamed B.V.');
    const logged = await eventsAfter(stores.stored, after);
    const entityEvents = logged.filter((event) => entityChangeOf(event) !== null).map((event) => event.position);
    expect(entityEvents.length).toBe(logged.length - 1);
    const seen = await takeNext(everything[Symbol.asyncIterator](), entityEvents.length);
    expect(seen.map((c) => c.position)).toEqual(entityEvents);
    expect(seen.some((c) => c.position === other.position)).toBe(false);
    expect((await takeNext(accounts[Symbol.asyncIterator](), 2)).map((c) => [c.type, c.id])).toEqual([['ACCOUNT', account], ['ACCOUNT', account]]);
    expect((await takeNext(ofLeadA[Symbol.asyncIterator](), 2)).map((c) => [c.type, c.id, c.eventType])).toEqual([['LEAD', leadA, 'LeadCaptured'], ['LEAD', leadA, 'LeadDetailsUpdated']]);
    expect(feed.publishedThrough).toBeGreaterThanOrEqual(logged[logged.length - 1].position);
    expect(feed.stats()).toEqual({ subscriptions: 4, queued: 0 });
    [accounts, ofLeadA, never, everything].forEach((stream) => stream.close());
    expect(feed.stats()).toEqual({ subscriptions: 0, queued: 0 });
  });

  it('tells onPublished listeners every change of each batch, unfiltered', async () => {
    const heard: EntityChange[] = [];
    const off = feed.onPublished((changes) => heard.push(...changes));
    const stream = await feed.subscribe({});
    const leadId = await stores.captureLead();
    const [change] = await takeNext(stream[Symbol.asyncIterator](), 1);
    off();
    expect(heard).toContainEqual(change);
    expect(change).toMatchObject({ type: 'LEAD', id: leadId, revision: 0, eventType: 'LeadCaptured' });
    expect(Number.isNaN(Date.parse(change.occurredAt))).toBe(false);
    stream.close();
  });

  it('refuses an `after` past the end of the log', async () => {
    const head = (await stores.stored.headPosition()) as bigint;
    const refused = await feed.subscribe({}, { after: head + 1n }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.map((f) => f.field)).toEqual(['after']);
    expect(feed.stats().subscriptions).toBe(0);
  });
});

describe('a slow subscriber', () => {
  let stores: LiveStores;
  let feed: LiveFeed;

  beforeAll(async () => {
    stores = await startLiveStores();
    feed = new LiveFeed(stores.stored, stores.projector.readModels, { signals: stores.projector.signals, maxQueued: 2 });
    await feed.start();
  });
  afterAll(async () => {
    await feed.stop();
    await stores.close();
  });

  it('is closed alone when it leaves more than maxQueued changes waiting', async () => {
    const leadId = randomUUID();
    const overflows: number[] = [];
    const slow = await feed.subscribe({}, { onOverflow: (queued) => overflows.push(queued) });
    const keepsUp = await feed.subscribe({ ids: [leadId] });
    const keepsUpChanges = keepsUp[Symbol.asyncIterator]();
    await stores.captureLead(leadId);
    expect((await takeNext(keepsUpChanges, 1)).map((c) => c.id)).toEqual([leadId]);
    await stores.captureLead();
    await stores.captureLead();
    await stores.updateLead(leadId, 'Miller');
    expect((await takeNext(keepsUpChanges, 1)).map((c) => c.eventType)).toEqual(['LeadDetailsUpdated']);
    expect(overflows).toEqual([2]);
    const thrown = await slow[Symbol.asyncIterator]().next().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(SlowSubscriberError);
    expect(thrown).toMatchObject({ code: 'SLOW_SUBSCRIBER' });
    expect(feed.stats().subscriptions).toBe(1);
    keepsUp.close();
  });
});

describe('a page the read models do not show yet', () => {
  const stores = liveStoresForSuite();

  it('is held until the projector has stored it, however long that takes', async () => {
    const read = { through: 0n };
    const readModels = new ReadModels(stores.readStore, stores.stored, { pollMs: 10 });
    const feed = new LiveFeed(watchedReads(stores.stored, read), readModels, { pollMs: 10, stallWarningMs: 20 });
    const restarted = new Projector(stores.app.store, stores.readStore, { log: () => undefined });
    try {
      await feed.start();
      const stream = await feed.subscribe({ types: ['LEAD'] });
      await stores.projector.stop();
      const leadId = await stores.captureLead();
      const position = (await stores.stored.headPosition()) as bigint;
      await waitFor(() => read.through >= position);
      const arrived = (async () => {
        const [change] = await takeNext(stream[Symbol.asyncIterator](), 1);
        return { change, doc: await stores.doc('leads', leadId) };
      })();
      await restarted.start();
      const { change, doc } = await arrived;
      expect(change).toMatchObject({ id: leadId, position });
      expect(doc?.lastPosition).toBe(Number(position));
    } finally {
      await feed.stop();
      await restarted.stop();
    }
  });
});

describe('stopping the feed', () => {
  const stores = liveStoresForSuite();

  it('ends every open stream, and a stream asked for afterwards ends at once', async () => {
    const feed = new LiveFeed(stores.stored, stores.projector.readModels, { signals: stores.projector.signals });
    await feed.start();
    const streams = await Promise.all([feed.subscribe({}), feed.subscribe({ types: ['ACCOUNT'] }), feed.subscribe({ ids: [randomUUID()] })]);
    const waiting = streams.map((stream) => stream[Symbol.asyncIterator]().next());
    await feed.stop();
    await expect(Promise.all(waiting)).resolves.toEqual(streams.map(() => ({ value: undefined, done: true })));
    expect(feed.stats().subscriptions).toBe(0);
    const late = await feed.subscribe({});
    await expect(late[Symbol.asyncIterator]().next()).resolves.toEqual({ value: undefined, done: true });
  });
});

