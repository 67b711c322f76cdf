import type { RecordedEvent, SqliteEventStore } from '@crm/event-store';
import type { Doc, ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { ALL_PROJECTIONS } from '../projections/projection-registry';
import { leadsProjection } from '../projections/leads/leads.projection';
import { pipelineProjection } from '../projections/pipeline/pipeline.projection';
import { BatchApplier } from './batch-applier';
import { activeTarget } from './generations';
import { Projector, type ProjectorOptions } from './projector';
import { ReadModels } from './read-models';
import { ManualSwitchClock } from './testing/manual-switch-clock';
import type { RebuildProgress } from './rebuilder';
import { appendWorkload, openEvents, snapshot, tempDir, waitUntil } from './testing/projector-fixtures';

export type ReadStoreFactory = (dir: string) => Promise<ReadStore>;

/** Rebuilds drop the old copy at once here: no reader of these tests trusts an alias (aliasTtlMs 0). */
const quiet = { log: () => undefined, aliasTtlMs: 0, dropGraceMs: 0, leaseTtlMs: 3_000, rebuildBatchSize: 250 };

const readLog = async (events: SqliteEventStore): Promise<RecordedEvent[]> => {
  const log: RecordedEvent[] = [];
  for await (const event of events.readAll()) log.push(event);
  return log;
};

/** Runs every projection through the projector against one read-store adapter. */
export const describeProjectorContract = (label: string, openStore: ReadStoreFactory): void => {
  describe(`projector contract (${label})`, () => {
    let tmp: ReturnType<typeof tempDir>;
    let events: SqliteEventStore;
    let store: ReadStore;
    let projector: Projector | null;
    const start = async (projections: readonly Projection[] = ALL_PROJECTIONS, options: ProjectorOptions = {}): Promise<Projector> => {
      projector = new Projector(events, store, { ...quiet, projections, ...options });
      await projector.start();
      return projector;
    };
    const caughtUp = async (p: Projector, projections = ALL_PROJECTIONS): Promise<void> => {
      const head = (await events.headPosition()) ?? 0n;
      expect(await p.readModels.waitForPosition(head, projections.map((x) => x.name), 20_000)).toBe(true);
    };

    beforeEach(async () => {
      tmp = tempDir();
      events = openEvents(tmp.dir);
      store = await openStore(tmp.dir);
      projector = null;
    });
    afterEach(async () => {
      await projector?.stop();
      await store.close();
      await events.close();
      tmp.cleanup();
    });

    it.each([11, 12])('a rebuild equals the incrementally built models, document for document (seed %i)', async (seed) => {
      const p = await start();
      await appendWorkload(events, 1_500, seed);
      await caughtUp(p);
      const incremental = await snapshot(store, ALL_PROJECTIONS);
      expect(incremental.leads.length).toBeGreaterThan(0);
      expect(incremental.pipeline_definitions).toEqual([
        expect.objectContaining({ name: 'Renewals', revision: expect.any(Number) }),
        expect.objectContaining({ name: 'Partners' }),
      ]);
      expect(new Set(incremental.pipeline.map((doc) => doc.pipelineId)).size).toBeGreaterThan(1);
      await p.rebuild();
      expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(incremental);
    });

    it('a rebuild reports reading, writing, indexing and switching, in that order, having read every event of the types it needs and no other', async () => {
      await appendWorkload(events, 600, 13);
      const p = await start();
      await caughtUp(p);
      const seen: RebuildProgress[] = [];
      const result = await p.rebuild(['leads', 'pipeline'], (progress) => seen.push(progress));
      const phases = seen.map((progress) => progress.phase).filter((phase, i, all) => phase !== all[i - 1]);
      expect(phases).toEqual(['replay', 'write', 'index', 'switch']);
      const needed = new Set([leadsProjection, pipelineProjection].flatMap((projection) => projection.filter?.eventTypes ?? []));
      const read = (await readLog(events)).filter((event) => needed.has(event.type)).length;
      expect(read).toBeLessThan(600);
      expect(seen[seen.length - 1]).toMatchObject({ projections: ['leads', 'pipeline'], events: read, position: await events.headPosition() });
      expect(result.events).toBe(read);
    });

    it('a rebuild that may hold only a few documents in memory still equals the incremental build, within its budget', async () => {
      const p = await start();
      await appendWorkload(events, 1_500, 14);
      await caughtUp(p);
      const incremental = await snapshot(store, ALL_PROJECTIONS);
      await p.stop();
      projector = new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: 65_536 });
      const { peakHeldBytes, evictions, collections } = await projector.rebuild();
      expect(peakHeldBytes).toBeGreaterThan(0);
      expect(peakHeldBytes).toBeLessThanOrEqual(65_536);
      // Evictions this small free less than the heap's step: the heap's growth, not each eviction, forces a collection.
      expect(evictions).toBeGreaterThan(10);
      expect(collections).toBeLessThan(evictions / 2);
      expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(incremental);
    });

    it('applying any event again changes nothing', async () => {
      await appendWorkload(events, 1_000, 21);
      const p = await start();
      await caughtUp(p);
      await p.stop();
      const before = await snapshot(store, ALL_PROJECTIONS);
      const log = await readLog(events);
      for (const projection of ALL_PROJECTIONS) {
        const target = await activeTarget(store, projection);
        const again = new BatchApplier(store, target!);
        for (let i = 0; i < log.length; i += 97) await again.applyBatch([log[i]]);
        await new BatchApplier(store, target!).applyBatch(log);
      }
      expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(before);
    });

    it('reports a projection that was never built as NOT_BUILT, the whole log still to apply', async () => {
      await appendWorkload(events, 200, 41);
      const head = await events.headPosition();
      const p = new Projector(events, store, { ...quiet, projections: [leadsProjection] });
      expect(await p.status()).toEqual([expect.objectContaining({ name: 'leads', state: 'NOT_BUILT', position: null, headPosition: head, lag: head })]);
    });

    it('parks an event that makes a projection throw, reports it, and goes on', async () => {
      await appendWorkload(events, 300, 31);
      const log = await readLog(events);
      const poison = log.find((e) => e.type === 'LeadWorkingStarted')!;
      const fragile: Projection = {
        ...leadsProjection,
        apply: (event, docs) => {
          if (event.id === poison.id) throw new Error('cannot fold this one');
          return leadsProjection.apply(event, docs);
        },
      };
      const p = await start([fragile]);
      await appendWorkload(events, 200, 32);
      await caughtUp(p, [fragile]);
      const parked = await p.parked('leads');
      expect(parked).toEqual([expect.objectContaining({ position: Number(poison.position), type: 'LeadWorkingStarted', error: 'Error: cannot fold this one' })]);
      const [status] = await p.status();
      expect(status).toMatchObject({ name: 'leads', parked: 1, state: 'LIVE', lag: 0n });
      const lead = await store.get((await p.readModels.collectionFor('leads')), String(poison.data.leadId));
      expect(lead?.lastPosition).not.toBe(Number(poison.position));
      expect((await snapshot(store, [fragile])).leads.length).toBe(new Set(log.concat(await readLog(events)).filter((e) => e.type === 'LeadCaptured').map((e) => e.id)).size);
    });

    it('parks an event whose document no store can keep, live and in a rebuild, and goes on', async () => {
      // The first LeadWorkingStarted of the log makes a cycle, which neither JSON nor BSON can write.
      let poisonId: string | undefined;
      const cyclic: Projection = {
        ...leadsProjection,
        apply: (event, docs) => {
          leadsProjection.apply(event, docs);
          if (event.type !== 'LeadWorkingStarted' || (poisonId ??= event.id) !== event.id) return;
          const lead: Doc = { ...docs.get<Doc>('leads', String(event.data.leadId))! };
          lead.self = lead;
          docs.put('leads', lead);
        },
      };
      // Started on an empty log, so the projector applies the workload live.
      const p = await start([cyclic]);
      await appendWorkload(events, 300, 33);
      await caughtUp(p, [cyclic]);
      const poison = (await readLog(events)).find((e) => e.id === poisonId)!;
      const expected = [expect.objectContaining({ position: Number(poison.position), error: expect.stringMatching(/not plain JSON/) })];
      expect(await p.parked('leads')).toEqual(expected);
      await p.rebuild(['leads']);
      expect(await p.parked('leads')).toEqual(expected);
      const [status] = await p.status();
      expect(status).toMatchObject({ name: 'leads', parked: 1, state: 'LIVE', lag: 0n });
      const lead = await store.get(await p.readModels.collectionFor('leads'), String(poison.data.leadId));
      // The lead's other events were applied; the parked one left nothing behind.
      expect(lead).toMatchObject({ id: poison.data.leadId });
      expect(lead).not.toHaveProperty('self');
    });

    it('a rebuild whose writes fail for another reason fails, and the serving copy stays', async () => {
      await appendWorkload(events, 200, 34);
      const p = await start([leadsProjection]);
      await caughtUp(p, [leadsProjection]);
      const serving = await snapshot(store, [leadsProjection]);
      const writeBatch = store.writeBatch.bind(store);
      let attempts = 0;
      store.writeBatch = async () => {
        attempts += 1;
        throw new Error('disk I/O error');
      };
      try {
        await expect(p.rebuild(['leads'])).rejects.toThrow('disk I/O error');
      } finally {
        store.writeBatch = writeBatch;
      }
      // Unchecked, then once more with every document checked: no third run.
      expect(attempts).toBe(2);
      expect(await snapshot(store, [leadsProjection])).toEqual(serving);
    });

    it('while a rebuild runs and until no reader can be on the old copy, readers never see an empty or half-built read model', async () => {
      await appendWorkload(events, 3_000, 41);
      const clock = new ManualSwitchClock();
      const p = await start(ALL_PROJECTIONS, { switchClock: clock, aliasTtlMs: 1_000, dropGraceMs: 500 });
      await caughtUp(p);
      const expected = (await snapshot(store, ALL_PROJECTIONS)).leads.length;
      // A reader in another process: not told of the switch, it trusts the alias it resolved for its ttl.
      const elsewhere = new ReadModels(store, events, { aliasTtlMs: 1_000, clock: () => clock.now() });
      const old = await elsewhere.collectionFor('leads');
      const seen = new Set<number>();
      let lastRead = old;
      let running = true;
      const reader = (async () => {
        while (running) {
          lastRead = await p.readModels.collectionFor('leads');
          seen.add(await store.count(lastRead));
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      try {
        const rebuilt = p.rebuild(undefined, () => undefined);
        const switchedAt = clock.now();
        const dropsAt = await Promise.race([clock.nextSleep(), rebuilt.then(() => 'dropped without waiting')]);
        expect(dropsAt).toBe(switchedAt + 1_000 + 500);
        const fresh = await store.getAlias('leads');
        expect(fresh).not.toBe(old);
        clock.advance(999);
        expect(await elsewhere.collectionFor('leads')).toBe(old);
        expect(await store.count(old)).toBe(expected);
        clock.advance(1);
        expect(await elsewhere.collectionFor('leads')).toBe(fresh);
        clock.advance(499);
        expect(await store.listCollections()).toContain(old);
        await waitUntil(async () => lastRead === fresh);
        clock.advance(1);
        await rebuilt;
      } finally {
        running = false;
        await reader;
      }
      expect(await store.listCollections()).not.toContain(old);
      expect(seen).toEqual(new Set([expected]));
    });

    it('only one projector applies a projection at a time (lease)', async () => {
      const first = await start();
      const second = new Projector(events, store, quiet);
      await second.start();
      try {
        await appendWorkload(events, 200, 51);
        await caughtUp(first);
        const runners = (instance: Projector): string[] => (instance as unknown as { runners: Array<{ state: string }> }).runners.map((r) => r.state);
        expect(runners(first).every((state) => state === 'ACTIVE')).toBe(true);
        expect(runners(second).every((state) => state === 'STANDBY')).toBe(true);
      } finally {
        await second.stop();
      }
    });
  });
};
