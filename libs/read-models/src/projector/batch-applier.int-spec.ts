import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../store/read-store.port';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { LeaseLostError } from '../store/read-store.errors';
import type { Projection } from '../projections/projection';
import { BatchApplier } from './batch-applier';
import { ensureTargetCollections } from './generations';
import { PARKED_EVENTS, ensureParkedCollection } from './parked-events';
import { targetOf } from './projection-target';

const recorded = (position: number, data: Record<string, string>): RecordedEvent => ({
  id: randomUUID(), type: 'Counted', data, streamName: `thing-${data.id}`, revision: 0, position: BigInt(position), recordedAt: new Date(0),
  metadata: { actor: 'test', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date(0).toISOString() },
});

/** Counts events per thing; its total document is named by nothing in the event (read on demand). */
const counter: Projection = {
  name: 'counter',
  version: 1,
  collections: { things: [], totals: [] },
  prefetch: (event) => [{ collection: 'things', id: String(event.data.id) }],
  apply(event, docs) {
    const id = String(event.data.id);
    const thing = docs.get<Doc & { count: number }>('things', id);
    docs.put('things', { id, count: (thing?.count ?? 0) + 1 });
    const total = docs.get<Doc & { count: number }>('totals', 'all');
    docs.put('totals', { id: 'all', count: (total?.count ?? 0) + 1 });
    if (event.data.also !== undefined) docs.get(String(event.data.also), id);
    if (event.data.noId !== undefined) docs.put('things', { id: '' });
    // A bigint: JSON.stringify refuses it, so SQLite cannot store this document.
    if (event.data.big !== undefined) docs.put('things', { id, count: BigInt(1) as unknown as number });
  },
};

describe('BatchApplier against a store', () => {
  let store: SqliteReadStore;
  const target = targetOf(counter, { version: 1, generation: 1 });
  beforeEach(async () => {
    store = new SqliteReadStore({ filename: ':memory:' });
    await ensureParkedCollection(store);
    await ensureTargetCollections(store, target, true);
  });
  afterEach(() => store.close());

  const stored = async (collection: string, id: string) => store.get(target.collections.get(collection) as string, id);

  it('reads documents apply asks for beyond the prefetched ones, across batches and appliers', async () => {
    await new BatchApplier(store, target).applyBatch([recorded(1, { id: 'a' }), recorded(2, { id: 'b' })]);
    await new BatchApplier(store, target).applyBatch([recorded(3, { id: 'a' })]);
    expect(await stored('things', 'a')).toMatchObject({ count: 2, lastPosition: 3 });
    expect(await stored('totals', 'all')).toMatchObject({ count: 3, lastPosition: 3 });
    expect(await store.getCheckpoint(target.checkpoint)).toMatchObject({ position: 3n });
  });

  it('parks an unreadable event with the next batch, or on a flush of its own when none follows', async () => {
    const applier = new BatchApplier(store, target);
    const unreadable = (position: bigint) => ({ id: randomUUID(), streamName: 'thing-x', revision: 0, type: 'Counted', position, reason: 'not JSON' });
    applier.parkUnreadable(unreadable(1n));
    await applier.flush();
    expect(await store.count(PARKED_EVENTS, { projection: 'counter' })).toBe(1);
    expect(await store.getCheckpoint(target.checkpoint)).toBeNull();

    applier.parkUnreadable(unreadable(3n));
    await applier.applyBatch([recorded(2, { id: 'a' })]);
    expect(await store.count(PARKED_EVENTS, { projection: 'counter' })).toBe(2);
    applier.parkUnreadable(unreadable(4n));
    await applier.flush();
    expect(await store.find(PARKED_EVENTS, { filter: { projection: 'counter' }, sort: [{ field: 'position', direction: 'asc' }] })).toMatchObject({
      items: [{ position: 1, error: expect.stringMatching(/UnreadableEventError/) }, { position: 3 }, { position: 4 }],
    });
    expect(await store.getCheckpoint(target.checkpoint)).toMatchObject({ position: 2n });
  });

  it('skips a batch applied before, whole', async () => {
    const batch = [recorded(1, { id: 'a' }), recorded(2, { id: 'b' })];
    await new BatchApplier(store, target).applyBatch(batch);
    await new BatchApplier(store, target).applyBatch(batch);
    expect(await stored('totals', 'all')).toMatchObject({ count: 2 });
  });

  it('stores nothing when another owner holds the lease that fences it', async () => {
    await store.acquireLease('projection:counter', 'new-holder', 60_000);
    const stale = new BatchApplier(store, target, { fence: { lease: 'projection:counter', owner: 'old-holder' } });
    await expect(stale.applyBatch([recorded(1, { id: 'a' })])).rejects.toBeInstanceOf(LeaseLostError);
    expect(await stored('things', 'a')).toBeNull();
    expect(await store.getCheckpoint(target.checkpoint)).toBeNull();
    const holder = new BatchApplier(store, target, { fence: { lease: 'projection:counter', owner: 'new-holder' } });
    await holder.applyBatch([recorded(1, { id: 'a' })]);
    expect(await stored('things', 'a')).toMatchObject({ count: 1 });
  });

  it('parks an event whose apply writes a document without an id, and goes on', async () => {
    const parked: string[] = [];
    const applier = new BatchApplier(store, target, { onParked: (event) => parked.push(String(event.position)) });
    await applier.applyBatch([recorded(1, { id: 'a', noId: 'yes' }), recorded(2, { id: 'b' })]);
    expect(parked).toEqual(['1']);
    expect(await stored('totals', 'all')).toMatchObject({ count: 1, lastPosition: 2 });
    expect(await store.getCheckpoint(target.checkpoint)).toMatchObject({ position: 2n });
  });

  it('parks an event whose apply writes a document no store can keep, and goes on', async () => {
    const parked: Array<[string, string]> = [];
    const applier = new BatchApplier(store, target, { onParked: (event, error) => parked.push([String(event.position), String((error as Error).message)]) });
    await applier.applyBatch([recorded(1, { id: 'a' }), recorded(2, { id: 'b', big: 'yes' }), recorded(3, { id: 'c', noId: 'yes' }), recorded(4, { id: 'a' })]);
    // Event 3 is parked while the batch is applied, event 2 once the write failed: each reported once.
    expect(parked.sort()).toEqual([['2', expect.stringMatching(/things b is not plain JSON/)], ['3', expect.stringMatching(/Invalid id/)]]);
    expect(await stored('things', 'a')).toMatchObject({ count: 2, lastPosition: 4 });
    expect(await stored('things', 'b')).toBeNull();
    expect(await stored('totals', 'all')).toMatchObject({ count: 2, lastPosition: 4 });
    expect(await store.getCheckpoint(target.checkpoint)).toMatchObject({ position: 4n });
    expect(await store.count(PARKED_EVENTS, { projection: 'counter' })).toBe(2);
    await applier.applyBatch([recorded(5, { id: 'b' })]);
    expect(await stored('things', 'b')).toMatchObject({ count: 1, lastPosition: 5 });
  });

  it('reports a write that failed for another reason, and parks nothing', async () => {
    const parked: string[] = [];
    const failing = Object.assign(Object.create(store) as SqliteReadStore, {
      writeBatch: async () => {
        throw new Error('disk I/O error');
      },
    });
    const applier = new BatchApplier(failing, target, { onParked: (event) => parked.push(String(event.position)) });
    await expect(applier.applyBatch([recorded(1, { id: 'a' })])).rejects.toThrow('disk I/O error');
    expect(parked).toEqual([]);
    expect(await stored('things', 'a')).toBeNull();
  });

  it('parks an event whose apply reads a collection the projection does not declare, and goes on', async () => {
    const parked: string[] = [];
    const applier = new BatchApplier(store, target, { onParked: (event) => parked.push(String(event.position)) });
    await applier.applyBatch([recorded(1, { id: 'a', also: 'elsewhere' }), recorded(2, { id: 'b' })]);
    expect(parked).toEqual(['1']);
    expect(await stored('things', 'a')).toBeNull();
    expect(await stored('totals', 'all')).toMatchObject({ count: 1, lastPosition: 2 });
    expect(await store.count(PARKED_EVENTS, { projection: 'counter' })).toBe(1);
  });
});
