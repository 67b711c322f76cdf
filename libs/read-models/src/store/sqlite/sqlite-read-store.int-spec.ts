import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidQueryError } from '../read-store.errors';
import { SqliteReadStore } from './sqlite-read-store';

describe('SQLite read store specifics', () => {
  let dir: string;
  let file: string;
  let store: SqliteReadStore;
  let count = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-store-sqlite-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    file = join(dir, `s-${count++}.sqlite`);
    store = new SqliteReadStore({ filename: file });
  });
  afterEach(() => store.close());

  /** Another process (a CLI rebuild beside the running server) holds the write lock for a moment: the batch waits for it. */
  it('waits for a write lock another connection holds, then stores the batch', async () => {
    await store.ensureCollection('leads', []);
    await store.ensureCollection('accounts', []);
    await store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'first' } }]);
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.file);
       db.exec('BEGIN IMMEDIATE');
       db.exec('CREATE TABLE contacts_v9 (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
       db.prepare("INSERT INTO leads (id, doc) VALUES ('other', '{\\"id\\":\\"other\\"}')").run();
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec('COMMIT');
       db.close();`,
      { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } },
    );
    await new Promise((resolve) => holder.once('message', resolve));
    // A collection this connection has not written yet: its statements are prepared inside the batch,
    // after the other connection changed the schema.
    await store.writeBatch([{ kind: 'upsert', collection: 'accounts', doc: { id: 'mine' } }], { name: 'cp', position: 7n });
    await new Promise((resolve) => holder.once('exit', resolve));
    expect((await store.getMany('leads', ['first', 'other'])).size).toBe(2);
    expect(await store.get('accounts', 'mine')).toEqual({ id: 'mine' });
    expect((await store.getCheckpoint('cp'))?.position).toBe(7n);
  });

  it('keeps documents, indexes, checkpoints, aliases and leases across close and reopen', async () => {
    await store.ensureCollection('leads', [{ fields: [{ field: 'status' }] }]);
    await store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a', status: 'NEW' } }], { name: 'leads_v1', position: 42n, extra: { v: 1 } });
    await store.setAlias('current_leads', 'leads');
    await store.acquireLease('projector', 'p1', 60_000);
    await store.close();
    store = new SqliteReadStore({ filename: file });
    expect(await store.get('leads', 'a')).toEqual({ id: 'a', status: 'NEW' });
    expect(await store.getCheckpoint('leads_v1')).toMatchObject({ position: 42n, extra: { v: 1 } });
    expect(await store.getAlias('current_leads')).toBe('leads');
    expect(await store.acquireLease('projector', 'p2', 60_000)).toBe(false);
    expect(store.explainFind('leads', { filter: { status: 'NEW' } }).join('\n')).toMatch(/USING INDEX "?leads__status_1/);
  });

  it('rolls back every op and the checkpoint when an op fails mid-batch', async () => {
    await store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a', name: 'Ada' } }], { name: 'cp', position: 1n });
    const batch = store.writeBatch(
      [
        { kind: 'upsert', collection: 'leads', doc: { id: 'b' } },
        { kind: 'delete', collection: 'leads', id: 'a' },
        { kind: 'upsert', collection: 'new_collection', doc: { id: 'n' } },
        { kind: 'patch', collection: 'leads', id: 'b', set: { 'x.y': 1 } },
        { kind: 'upsert', collection: 'leads', doc: { id: 'c', name: 'x' } },
        { kind: 'patch', collection: 'leads', id: 'c', set: { 'name.first': 'A' } },
      ],
      { name: 'cp', position: 2n },
    );
    await expect(batch).rejects.toBeInstanceOf(InvalidQueryError);
    expect(Object.fromEntries(await store.getMany('leads', ['a', 'b', 'c']))).toEqual({ a: { id: 'a', name: 'Ada' } });
    expect((await store.getCheckpoint('cp'))?.position).toBe(1n);
    expect(await store.listCollections()).toEqual(['leads']);
    await store.writeBatch([{ kind: 'upsert', collection: 'new_collection', doc: { id: 'n' } }]);
    expect(await store.get('new_collection', 'n')).toEqual({ id: 'n' });
  });

  describe('index use (EXPLAIN QUERY PLAN)', () => {
    beforeEach(async () => {
      await store.ensureCollection('opps', [
        { fields: [{ field: 'stage' }] },
        { fields: [{ field: 'owner.id' }, { field: 'closeDate', direction: -1 }] },
        { fields: [{ field: 'name' }] },
      ]);
      const docs = Array.from({ length: 300 }, (_, i) => ({ id: `o${i}`, stage: `S${i % 5}`, owner: { id: `u${i % 7}` }, closeDate: `2025-${(i % 12) + 1}`, name: `n${i}` }));
      await store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'opps', doc })));
    });

    const plan = (options: Parameters<SqliteReadStore['explainFind']>[1]) => store.explainFind('opps', options).join('\n');

    it('serves equality, $in, ranges and prefixes from the declared index', () => {
      expect(plan({ filter: { stage: 'S1' } })).toMatch(/SEARCH opps USING INDEX "?opps__stage_1__typed"? \(<expr>=\?\)/);
      expect(plan({ filter: { stage: { $in: ['S1', 'S2'] } } })).toMatch(/USING INDEX "?opps__stage_1/);
      expect(plan({ filter: { name: { $prefix: 'n1' } } })).toMatch(/SEARCH opps USING INDEX "?opps__name_1__typed"? \(<expr>>\? AND <expr><\?\)/);
      expect(plan({ filter: { name: { $gte: 'n5' } } })).toMatch(/USING INDEX "?opps__name_1/);
    });

    it('serves a filtered sort with its id tie-breaker without a temporary sort, on every page', () => {
      const options = { filter: { 'owner.id': 'u3' }, sort: [{ field: 'closeDate', direction: 'desc' as const }] };
      expect(plan(options)).toMatch(/USING INDEX "?opps__owner\.id_1_closeDate_-1/);
      expect(plan(options)).not.toMatch(/TEMP B-TREE/);
      expect(plan({ sort: [{ field: 'stage', direction: 'asc' }] })).not.toMatch(/TEMP B-TREE/);
    });

    it('counts a filtered set from the index alone, type guards included', () => {
      expect(store.explainCount('opps', { stage: { $in: ['S1', 'S2'] } }).join('\n')).toMatch(/USING COVERING INDEX/);
      expect(store.explainCount('opps', { 'owner.id': 'u3', closeDate: { $gte: '2025-3' } }).join('\n')).toMatch(/USING COVERING INDEX/);
    });

    it('uses the primary key for id lookups and id-ordered pages', async () => {
      const first = await store.find('opps', { first: 2 });
      expect(plan({ after: first.endCursor })).toMatch(/SEARCH opps USING INDEX sqlite_autoindex_opps_1 \(id>\?\)/);
    });
  });
});
