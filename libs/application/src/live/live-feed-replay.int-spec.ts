import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { STREAM_TYPES } from '@crm/domain';
import { eventsAfter, liveStoresForSuite, startLiveStores, takeNext, waitFor, type LiveStores } from '../testing/live-stores';
import { selectorOf, selects } from './change-selector';
import { entityChangeOf, type EntityChange, type EntityChangeFilter } from './entity-change';
import { LiveFeed } from './live-feed';
import type { LiveStream } from './live-subscription';
import { replayFromLog } from './log-replay';

type Step =
  | { kind: 'write'; entity: number; rename: boolean }
  | { kind: 'read' }
  /** Drops the connection (and whatever was waiting on it) and subscribes again after the last position seen. */
  | { kind: 'reconnect' }
  /** Subscribes again after the log's head, as a client that learned a position from a mutation's answer (maybe not published yet). */
  | { kind: 'jump' };

const ENTITIES = 4;

describe('a subscriber that reconnects with `after`', () => {
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

  /** Leads at even places, accounts at odd ones: the first write makes the entity, later ones change it. */
  const write = async (ids: string[], made: Set<number>, { entity, rename }: { entity: number; rename: boolean }): Promise<void> => {
    const first = !made.has(entity);
    made.add(entity);
    if (entity % 2 === 0) await (first ? stores.captureLead(ids[entity]) : stores.updateLead(ids[entity], `Title ${randomUUID()}`));
    else await (first ? stores.registerAccount(ids[entity]) : stores.renameAccount(ids[entity], rename ? `Renamed ${randomUUID()}` : `Name ${randomUUID()}`));
  };

  it('receives exactly the changes its filter selects, in log order, none twice', async () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('write' as const), entity: fc.nat(ENTITIES - 1), rename: fc.boolean() }), weight: 4 },
      { arbitrary: fc.constant({ kind: 'read' as const }), weight: 3 },
      { arbitrary: fc.constant({ kind: 'reconnect' as const }), weight: 2 },
      { arbitrary: fc.constant({ kind: 'jump' as const }), weight: 1 },
    );
    const filterOf = fc.record({
      types: fc.option(fc.subarray([...STREAM_TYPES]), { nil: undefined }),
      ids: fc.option(fc.subarray([...Array(ENTITIES + 1).keys()]), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(filterOf, fc.array(step, { minLength: 6, maxLength: 30 }), async (picked, steps) => {
        const ids = Array.from({ length: ENTITIES + 1 }, () => randomUUID()); // the last is never written
        const filter: EntityChangeFilter = { types: picked.types, ids: picked.ids?.map((i) => ids[i]) };
        const selector = selectorOf(filter);
        const start = (await stores.stored.headPosition()) ?? 0n;
        const selected = async (): Promise<EntityChange[]> =>
          (await eventsAfter(stores.stored, start)).map(entityChangeOf).filter((c): c is EntityChange => c !== null && selects(selector, c));
        const made = new Set<number>();
        const known: EntityChange[] = [];
        let lastSeen = start;
        let stream: LiveStream = await feed.subscribe(filter, { after: start });
        let changes = stream[Symbol.asyncIterator]();
        const resubscribe = async (after: bigint) => {
          stream.close();
          stream = await feed.subscribe(filter, { after });
          changes = stream[Symbol.asyncIterator]();
        };
        try {
          for (const action of steps) {
            if (action.kind === 'write') await write(ids, made, action);
            else if (action.kind === 'reconnect') await resubscribe(lastSeen);
            else if (action.kind === 'jump') {
              const head = (await stores.stored.headPosition()) ?? 0n;
              known.push(...(await selected()).filter((c) => c.position > lastSeen && c.position <= head));
              lastSeen = head;
              await resubscribe(head);
            } else if (known.length < (await selected()).length) {
              const [change] = await takeNext(changes, 1);
              known.push(change);
              lastSeen = change.position;
            }
          }
          const expected = await selected();
          known.push(...(await takeNext(changes, expected.length - known.length)));
          expect(known).toEqual(expected);
        } finally {
          stream.close();
        }
      }),
      { numRuns: 40 },
    );
    expect(feed.stats().subscriptions).toBe(0);
  }, 120_000);
});

describe('a change published while a subscriber registers', () => {
  const stores = liveStoresForSuite();

  it('is neither missed nor given twice', async () => {
    let duringRegistration: (() => Promise<void>) | null = null;
    // The feed reads the head once a subscriber is filed and bounded: that is where a change is published here.
    const pausing = new Proxy(stores.stored, {
      get: (target, property) =>
        property === 'headPosition'
          ? async () => {
              const hook = duringRegistration;
              duringRegistration = null;
              await hook?.();
              return target.headPosition();
            }
          : Reflect.get(target, property).bind(target),
    });
    const feed = new LiveFeed(pausing, stores.projector.readModels, { signals: stores.projector.signals });
    try {
      await feed.start();
      // Someone already listens, so the feed follows the log while the subscriber registers.
      const listening = await feed.subscribe({ types: ['ACCOUNT'] });
      const leadId = await stores.captureLead();
      const captured = (await stores.stored.headPosition()) as bigint;
      await waitFor(() => (feed.publishedThrough ?? 0n) >= captured);
      let updated = 0n;
      duringRegistration = async () => {
        await stores.updateLead(leadId, 'Registered meanwhile');
        updated = (await stores.stored.headPosition()) as bigint;
        await waitFor(() => (feed.publishedThrough ?? 0n) >= updated);
      };
      const stream = await feed.subscribe({ ids: [leadId] }, { after: captured - 1n });
      expect(updated).toBeGreaterThan(captured);
      await stores.updateLead(leadId, 'Afterwards');
      const afterwards = (await stores.stored.headPosition()) as bigint;
      const received = await takeNext(stream[Symbol.asyncIterator](), 3);
      expect(received.map((c) => c.position)).toEqual([captured, updated, afterwards]);
      expect(received.map((c) => c.eventType)).toEqual(['LeadCaptured', 'LeadDetailsUpdated', 'LeadDetailsUpdated']);
      listening.close();
    } finally {
      await feed.stop();
    }
  });
});

describe('a replay from the log', () => {
  const stores = liveStoresForSuite();

  it('is read a page at a time, only up to where the feed had published, only its types\' categories', async () => {
    const start = (await stores.stored.headPosition()) ?? 0n;
    const lead = await stores.captureLead();
    const account = await stores.registerAccount();
    await stores.updateLead(lead, 'Cook');
    await stores.renameAccount(account, 'Second name');
    await stores.updateLead(lead, 'Head cook');
    const events = await eventsAfter(stores.stored, start);
    const through = events[3].position;
    const reads: Array<{ after?: bigint; categories?: readonly string[] }> = [];
    const counting = new Proxy(stores.stored, {
      get: (target, property) =>
        property === 'readAll'
          ? (options: Parameters<typeof target.readAll>[0]) => (reads.push({ after: options?.after, categories: options?.filter?.categories }), target.readAll(options))
          : Reflect.get(target, property).bind(target),
    });
    const pages = replayFromLog(counting, selectorOf({ types: ['LEAD'] }), start, through, 1);
    expect(reads).toEqual([]);
    const first = await pages();
    expect(first?.map((c) => c.position)).toEqual([events[0].position]);
    expect(reads).toEqual([{ after: start, categories: ['lead'] }]);
    expect((await pages())?.map((c) => c.position)).toEqual([events[2].position]);
    expect(await pages()).toBeNull();
    expect(reads.every((read) => read.after !== undefined && read.after < through)).toBe(true);
  });
});


describe('a feed nobody listens to', () => {
  const stores = liveStoresForSuite();

  it('reads nothing from the log, and its first subscriber starts at the head or replays from after', async () => {
    let pagesRead = 0;
    const counting = new Proxy(stores.stored, {
      get: (target, property) =>
        property === 'readAll'
          ? (...args: Parameters<typeof target.readAll>) => {
              pagesRead++;
              return target.readAll(...args);
            }
          : Reflect.get(target, property).bind(target),
    });
    const feed = new LiveFeed(counting, stores.projector.readModels, { signals: stores.projector.signals });
    try {
      await feed.start();
      const before = await stores.captureLead();
      const missedFrom = (await stores.stored.headPosition()) as bigint;
      await stores.updateLead(before, 'Unheard');
      const unheard = (await stores.stored.headPosition()) as bigint;
      await stores.projector.readModels.waitForPosition(unheard, ['leads'], 5_000);
      expect(pagesRead).toBe(0);

      const fromNow = await feed.subscribe({ ids: [before] });
      const fromAfter = await feed.subscribe({ ids: [before] }, { after: missedFrom });
      await stores.updateLead(before, 'Heard');
      const heard = (await stores.stored.headPosition()) as bigint;
      expect((await takeNext(fromNow[Symbol.asyncIterator](), 1)).map((c) => c.position)).toEqual([heard]);
      expect((await takeNext(fromAfter[Symbol.asyncIterator](), 2)).map((c) => c.position)).toEqual([unheard, heard]);
      expect(pagesRead).toBeGreaterThan(0);
    } finally {
      await feed.stop();
    }
  });
});

describe('a subscriber far behind', () => {
  const stores = liveStoresForSuite();

  it('reads its backlog and what is written meanwhile without being cut off, though both exceed its bound', async () => {
    const feed = new LiveFeed(stores.stored, stores.projector.readModels, { signals: stores.projector.signals, maxQueued: 5 });
    try {
      await feed.start();
      const listening = await feed.subscribe({ types: ['ACCOUNT'] });
      const lead = await stores.captureLead();
      const start = (await stores.stored.headPosition()) as bigint;
      for (let i = 0; i < 12; i++) await stores.updateLead(lead, `Backlog ${i}`);
      const behind = await feed.subscribe({ ids: [lead] }, { after: start });
      const reading = behind[Symbol.asyncIterator]();
      const first = await takeNext(reading, 1);
      for (let i = 0; i < 12; i++) await stores.updateLead(lead, `Meanwhile ${i}`);
      const last = (await stores.stored.headPosition()) as bigint;
      await waitFor(() => (feed.publishedThrough ?? 0n) >= last);
      const rest = await takeNext(reading, 23);
      const positions = [...first, ...rest].map((change) => change.position);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(positions).size).toBe(24);
      expect(positions[23]).toBe(last);
      listening.close();
    } finally {
      await feed.stop();
    }
  });
});
