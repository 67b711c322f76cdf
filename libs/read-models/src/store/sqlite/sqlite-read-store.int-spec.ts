import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { InvalidQueryError } from '../read-store.errors';
import type { Doc } from '../read-store.port';
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

  it("waits for another connection's write lock as long as its busyTimeoutMs says, 5 s by default", async () => {
    const waitOf = (readStore: SqliteReadStore): unknown => (readStore as unknown as { db: BetterSqlite3.Database }).db.pragma('busy_timeout', { simple: true });
    const patient = new SqliteReadStore({ filename: file, busyTimeoutMs: 120_000 });
    try {
      expect(waitOf(store)).toBe(5_000);
      expect(waitOf(patient)).toBe(120_000);
    } finally {
      await patient.close();
    }
  });

  it('leaves no byte of an overwritten document or a dropped collection in its files once the WAL is purged', async () => {
    const fileBytes = () => ['', '-wal'].map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix) : Buffer.alloc(0)));
    const holds = (text: string) => fileBytes().some((bytes) => bytes.includes(Buffer.from(text)));
    await store.ensureCollection('leads', [{ fields: [{ field: 'searchText' }] }]);
    await store.ensureCollection('leads_old', []);
    await store.writeBatch([
      { kind: 'upsert', collection: 'leads', doc: { id: 'l1', name: 'Annelies Verhoeven', searchText: 'annelies verhoeven' } },
      { kind: 'upsert', collection: 'leads_old', doc: { id: 'l1', name: 'Bartholomeus Kwakernaak' } },
    ]);
    expect(holds('Annelies Verhoeven')).toBe(true);
    await store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'l1', name: null, searchText: '' } }]);
    await store.dropCollection('leads_old');
    expect(await store.purgeFreedSpace()).toBe(true);
    for (const text of ['Annelies Verhoeven', 'annelies verhoeven', 'Bartholomeus Kwakernaak']) expect(holds(text)).toBe(false);
    expect(await store.get('leads', 'l1')).toEqual({ id: 'l1', name: null, searchText: '' });
  });

  it('caps its page cache when asked, and goes back to its default', async () => {
    const cacheKib = (): number => -((store as unknown as { db: BetterSqlite3.Database }).db.pragma('cache_size', { simple: true }) as number);
    const initial = cacheKib();
    store.limitCacheBytes(16 * 2 ** 20);
    expect(cacheKib()).toBe(16 * 1024);
    store.limitCacheBytes(undefined);
    expect(cacheKib()).toBe(initial);
    expect(initial).toBeGreaterThan(16 * 1024);
    await store.close();
    expect(() => store.limitCacheBytes(undefined)).not.toThrow();
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

  /** Why the columns exist: SQLite rewrites the indexes on every column an UPDATE sets, changed or not. */
  it('updates only the columns of the fields that changed, and keeps every index consistent', async () => {
    await store.ensureCollection('opps', [{ fields: [{ field: 'stage' }] }, { fields: [{ field: 'owner.id' }] }, { fields: [{ field: 'email' }], unique: true }]);
    await store.writeBatch([{ kind: 'upsert', collection: 'opps', doc: { id: 'o1', stage: 'A', owner: { id: 'u1' }, email: 'a@x.nl', note: 'n' } }]);
    const watcher = new BetterSqlite3(file);
    watcher.exec(`CREATE TABLE column_sets (col TEXT);
      CREATE TRIGGER stage_set AFTER UPDATE OF "v:stage" ON opps BEGIN INSERT INTO column_sets VALUES ('stage'); END;
      CREATE TRIGGER owner_set AFTER UPDATE OF "v:owner.id" ON opps BEGIN INSERT INTO column_sets VALUES ('owner.id'); END;`);
    const sets = () => (watcher.prepare('SELECT col FROM column_sets').pluck().all() as string[]).splice(0);
    try {
      await store.writeBatch([{ kind: 'upsert', collection: 'opps', doc: { id: 'o1', stage: 'B', owner: { id: 'u1' }, email: 'a@x.nl', note: 'n' } }]);
      expect(sets()).toEqual(['stage']);
      await store.writeBatch([{ kind: 'upsert', collection: 'opps', doc: { id: 'o1', stage: 'B', owner: { id: 'u1' }, email: 'a@x.nl', note: 'changed' } }]);
      await store.writeBatch([{ kind: 'patch', collection: 'opps', id: 'o1', set: { 'owner.id': 'u2' } }]);
      expect(sets()).toEqual(['stage', 'owner.id']);
      await store.writeBatch([{ kind: 'upsert', collection: 'opps', doc: { id: 'o2', stage: 'B', email: 'b@x.nl' } }]);
      await expect(store.writeBatch([{ kind: 'patch', collection: 'opps', id: 'o2', set: { email: 'a@x.nl' } }])).rejects.toMatchObject({ name: 'DuplicateKeyError' });
      expect(watcher.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      watcher.close();
    }
    expect((await store.find('opps', { filter: { 'owner.id': 'u2' } })).items.map((doc) => [doc.id, doc.note])).toEqual([['o1', 'changed']]);
    expect((await store.find('opps', { filter: { stage: 'B' } })).items.map((doc) => doc.id)).toEqual(['o1', 'o2']);
  });

  /**
   * After an update that kept every column (an aggregate's count moving), the next upsert first sets
   * the document alone where the columns already hold its values: a document whose indexed field or
   * search words changed, or one not stored yet, must still take the long way.
   */
  it('sets the document alone only where its columns are unchanged, after an update that kept them', async () => {
    await store.ensureCollection('aggs', [{ fields: [{ field: 'slot' }] }], { search: { name: 1 } });
    const upsert = (doc: Doc) => store.writeBatch([{ kind: 'upsert', collection: 'aggs', doc }]);
    await upsert({ id: 'a1', slot: 'S1', name: 'acme', count: 1 });
    const watcher = new BetterSqlite3(file);
    watcher.exec(`CREATE TABLE column_sets (col TEXT);
      CREATE TRIGGER slot_set AFTER UPDATE OF "v:slot" ON aggs BEGIN INSERT INTO column_sets VALUES ('slot'); END;`);
    const sets = () => watcher.prepare('SELECT col FROM column_sets').pluck().all() as string[];
    try {
      await upsert({ id: 'a1', slot: 'S1', name: 'acme', count: 2 });
      await upsert({ id: 'a1', slot: 'S1', name: 'acme', count: 3 });
      expect(sets()).toEqual([]);
      await upsert({ id: 'a1', slot: 'S2', name: 'acme', count: 3 });
      expect(sets()).toEqual(['slot']);
      await upsert({ id: 'a1', slot: 'S2', name: 'acme', count: 4 });
      await upsert({ id: 'a2', slot: 'S2', name: 'globex', count: 1 });
      await upsert({ id: 'a1', slot: 'S2', name: 'acme', count: 5 });
      await upsert({ id: 'a1', slot: 'S2', name: 'initech', count: 5 });
      expect(sets()).toEqual(['slot']);
      expect(watcher.pragma('integrity_check', { simple: true })).toBe('ok');
      watcher.prepare(`INSERT INTO "_search_aggs" ("_search_aggs", rank) VALUES ('integrity-check', 1)`).run();
    } finally {
      watcher.close();
    }
    expect((await store.find('aggs', { filter: { slot: 'S2' } })).items).toEqual([
      { id: 'a1', slot: 'S2', name: 'initech', count: 5 },
      { id: 'a2', slot: 'S2', name: 'globex', count: 1 },
    ]);
    expect((await store.find('aggs', { filter: { slot: 'S1' } })).items).toEqual([]);
    expect((await store.find('aggs', { filter: { $search: 'initech' } })).items.map((doc) => doc.id)).toEqual(['a1']);
    expect(await store.count('aggs', { $search: 'acme' })).toBe(0);
  });

  /**
   * Tables made by this version keep indexed fields in columns; tables made before it (or by a write
   * before ensureCollection) index expressions of the JSON document. Both serve the same queries.
   */
  describe.each([
    { shape: 'fields in columns', writeFirst: false, key: (field: string) => `v:${field}` },
    { shape: 'JSON only', writeFirst: true, key: () => '<expr>' },
  ])('index use (EXPLAIN QUERY PLAN), $shape', ({ writeFirst, key }) => {
    const indexes = [{ fields: [{ field: 'stage' }] }, { fields: [{ field: 'owner.id' }, { field: 'closeDate', direction: -1 as const }] }, { fields: [{ field: 'name' }] }];
    beforeEach(async () => {
      const docs = Array.from({ length: 300 }, (_, i) => ({ id: `o${i}`, stage: `S${i % 5}`, owner: { id: `u${i % 7}` }, closeDate: `2025-${(i % 12) + 1}`, name: `n${i}` }));
      const write = () => store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'opps', doc })));
      if (writeFirst) await write();
      await store.ensureCollection('opps', indexes);
      if (!writeFirst) await write();
    });

    const plan = (options: Parameters<SqliteReadStore['explainFind']>[1]) => store.explainFind('opps', options).join('\n');

    it('serves equality, $in, ranges and prefixes from the declared index', () => {
      expect(plan({ filter: { stage: 'S1' } })).toContain(`SEARCH opps USING INDEX opps__stage_1__typed (${key('stage')}=?)`);
      expect(plan({ filter: { stage: { $in: ['S1', 'S2'] } } })).toMatch(/USING INDEX "?opps__stage_1/);
      expect(plan({ filter: { name: { $prefix: 'n1' } } })).toContain(`SEARCH opps USING INDEX opps__name_1__typed (${key('name')}>? AND ${key('name')}<?)`);
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

    it('serves a backward page from the same index, and each group of findGroups from one index range', async () => {
      const options = { filter: { 'owner.id': 'u3' }, sort: [{ field: 'closeDate', direction: 'desc' as const }], last: 5 };
      expect(plan(options)).toMatch(/USING INDEX "?opps__owner\.id_1_closeDate_-1/);
      expect(plan(options)).not.toMatch(/TEMP B-TREE/);
      const groups = store.explainFindGroups('opps', { ...options, groupBy: 'owner.id', groups: ['u1', 'u3'], filter: {} }).join('\n');
      // Per wanted group, the page's ids come from one index range with no sort of the group; only the
      // outer query sorts the pages it fetched by id.
      expect(groups).toMatch(/^SCAN wanted$/m);
      expect(groups).toMatch(/^CORRELATED LIST SUBQUERY \d+\n {2}SEARCH opps USING (COVERING )?INDEX "?opps__owner\.id_1_closeDate_-1\S* \([^)]*=\?\)$/m);
      expect(groups).not.toMatch(/^ {2}USE TEMP B-TREE FOR ORDER BY/m);
      expect(groups).toMatch(/^SEARCH page USING INDEX sqlite_autoindex_opps_1 \(id=\?\)$/m);
    });

    it('uses the primary key for id lookups and id-ordered pages', async () => {
      const first = await store.find('opps', { first: 2 });
      expect(plan({ after: first.endCursor })).toMatch(/SEARCH opps USING INDEX sqlite_autoindex_opps_1 \(id>\?\)/);
    });
  });
});
