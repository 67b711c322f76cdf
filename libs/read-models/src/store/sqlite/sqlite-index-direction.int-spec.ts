import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { LEADS, leadsProjection } from '../../projections/leads/leads.projection';
import type { Doc, FindOptions, Page } from '../read-store.port';
import { SqliteReadStore } from './sqlite-read-store';

const INDEXES = [...leadsProjection.collections[LEADS]];
const STATUSES = ['NEW', 'WORKING', 'QUALIFIED'];

/** Leads captured one after the other, as a live projection stores them: time-ordered ids and capture times, in small batches. */
const leadAt = (n: number): Doc => ({
  id: `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
  status: STATUSES[n % 3],
  source: n % 5 === 0 ? 'EVENT' : 'WEB_FORM',
  ownerId: n % 7 === 0 ? null : `owner-${n % 4}`,
  companyName: `Company ${n % 11}`,
  capturedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 2) * 60_000).toISOString(),
});

const store9s = async (store: SqliteReadStore, leads: number): Promise<void> => {
  for (let n = 0; n < leads; n += 9) {
    await store.writeBatch(Array.from({ length: Math.min(9, leads - n) }, (_, i) => ({ kind: 'upsert' as const, collection: LEADS, doc: leadAt(n + i) })));
  }
};

const LISTS: Array<[string, FindOptions]> = [
  ['newest first', { sort: [{ field: 'capturedAt', direction: 'desc' }] }],
  ['oldest first', { sort: [{ field: 'capturedAt', direction: 'asc' }] }],
  ['one status, newest first', { filter: { status: 'WORKING' }, sort: [{ field: 'capturedAt', direction: 'desc' }] }],
  ['two statuses, newest first', { filter: { status: { $in: ['NEW', 'QUALIFIED'] } }, sort: [{ field: 'capturedAt', direction: 'desc' }] }],
  ['one owner, newest first', { filter: { ownerId: 'owner-1' }, sort: [{ field: 'capturedAt', direction: 'desc' }] }],
  ['without owner, newest first', { filter: { ownerId: null }, sort: [{ field: 'capturedAt', direction: 'desc' }] }],
  ['one source, a time range, oldest first', { filter: { source: 'EVENT', capturedAt: { $gte: '2026-01-01T01:00:00.000Z' } }, sort: [{ field: 'capturedAt', direction: 'asc' }] }],
];

/** Every page of a list, forwards, by cursor. */
const walk = async (store: SqliteReadStore, query: FindOptions): Promise<string[]> => {
  const ids: string[] = [];
  for (let after: string | null = null; ; ) {
    const page: Page<Doc> = await store.find(LEADS, { ...query, first: 37, after });
    ids.push(...page.items.map((doc) => doc.id));
    if (!page.hasNextPage) return ids;
    after = page.endCursor;
  }
};

describe('SQLite indexes whose declared order descends', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'crm-index-direction-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are stored reversed, so time-ordered documents fill their pages as appends do', async () => {
    const store = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
    try {
      await store.ensureCollection(LEADS, INDEXES);
      await store9s(store, 3_000);
    } finally {
      await store.close();
    }
    const db = new BetterSqlite3(join(dir, 'read-models.sqlite'), { readonly: true });
    try {
      const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'leads__status_1_capturedAt_-1__typed'`).pluck().get() as string;
      expect(sql).toContain('"v:capturedAt" ASC, id ASC');
      const fill = db.prepare(`SELECT sum(payload) * 1.0 / sum(pgsize) FROM dbstat WHERE name = 'leads__capturedAt_-1__typed' AND pagetype = 'leaf'`).pluck().get() as number;
      // Taken at the front of the index, the same leads leave its pages about half full.
      expect(fill).toBeGreaterThan(0.75);
    } finally {
      db.close();
    }
  });

  // Two statuses are two ranges of the status index, merged by a sort whichever way the index runs.
  it.each(LISTS.filter(([name]) => name !== 'two statuses, newest first'))('read the leads list %s in index order, without sorting', async (_, query) => {
    const store = new SqliteReadStore({ filename: ':memory:' });
    try {
      await store.ensureCollection(LEADS, INDEXES);
      const plan = store.explainFind(LEADS, query).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } finally {
      await store.close();
    }
  });

  it('made in the declared direction by an earlier version, answer every list the same', async () => {
    const before = join(dir, 'before.sqlite');
    const now = join(dir, 'now.sqlite');
    const made = new SqliteReadStore({ filename: before });
    await made.ensureCollection(LEADS, INDEXES);
    await made.close();
    // The indexes as the earlier version wrote them: each key in its declared direction.
    const db = new BetterSqlite3(before);
    for (const { name, sql } of db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(LEADS) as Array<{ name: string; sql: string }>) {
      db.exec(`DROP INDEX "${name}"`);
      db.exec(sql.replace(/"v:capturedAt" ASC, id ASC/, '"v:capturedAt" DESC, id DESC'));
    }
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE sql LIKE '%"v:capturedAt" DESC, id DESC%'`).pluck().get()).toBe(4);
    db.close();
    const old = new SqliteReadStore({ filename: before });
    const fresh = new SqliteReadStore({ filename: now });
    try {
      for (const store of [old, fresh]) {
        await store.ensureCollection(LEADS, INDEXES);
        await store9s(store, 400);
      }
      for (const [, query] of LISTS) {
        const expected = await walk(fresh, query);
        expect(expected.length).toBeGreaterThan(10);
        expect(await walk(old, query)).toEqual(expected);
        expect((await old.find(LEADS, { ...query, last: 5 })).items).toEqual((await fresh.find(LEADS, { ...query, last: 5 })).items);
      }
      // The same plan, read forwards or backwards: SQLite does not show the direction.
      for (const [, query] of LISTS) expect(fresh.explainFind(LEADS, query)).toEqual(old.explainFind(LEADS, query));
    } finally {
      await old.close();
      await fresh.close();
    }
  });
});
