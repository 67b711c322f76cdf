import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BOUND_LIMIT } from './sqlite-sql';
import { SqliteReadStore } from './sqlite-read-store';

const dir = mkdtempSync(join(tmpdir(), 'crm-read-store-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * SQLite plans a statement again at each run when a bare `LIMIT ?` is bound (see BOUND_LIMIT), so
 * every page the read store reads binds its size as `LIMIT +?`, and the size still bounds the page.
 */
describe('the SQLite read store binds page sizes as an expression', () => {
  it('prepares no bare LIMIT ? for a page, a searched page, a page from the end or a page per group', async () => {
    const prepared: string[] = [];
    const prepare = BetterSqlite3.prototype.prepare;
    const spy = jest.spyOn(BetterSqlite3.prototype, 'prepare').mockImplementation(function (this: BetterSqlite3.Database, source: string) {
      prepared.push(source);
      return prepare.call(this, source);
    });
    const store = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') });
    try {
      await store.ensureCollection('opps', [{ fields: [{ field: 'stage' }] }, { fields: [{ field: 'accountId' }, { field: 'name' }] }], { search: { name: 1 } });
      const docs = ['a', 'b', 'c', 'd', 'e'].map((letter, i) => ({ id: `o${i}`, name: `deal ${letter}`, stage: i % 2 === 0 ? 'EVEN' : 'ODD', accountId: `acc${i % 2}` }));
      await store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'opps', doc })));
      const ids = (items: readonly { id: string }[]): string[] => items.map((doc) => doc.id);
      expect(ids((await store.find('opps', { filter: { stage: 'EVEN' }, first: 2 })).items)).toEqual(['o0', 'o2']);
      expect(ids((await store.find('opps', { sort: [{ field: 'name', direction: 'asc' }], last: 2 })).items)).toEqual(['o3', 'o4']);
      expect((await store.find('opps', { filter: { $search: 'deal' }, first: 3 })).items).toHaveLength(3);
      const groups = await store.findGroups('opps', { groupBy: 'accountId', groups: ['acc0', 'acc1'], sort: [{ field: 'name', direction: 'asc' }], first: 1 });
      expect([...groups].map(([group, page]) => [group, ids(page.items)])).toEqual([['acc0', ['o0']], ['acc1', ['o1']]]);
      const limited = prepared.filter((source) => /\bLIMIT\b/i.test(source) && !/\bLIMIT \d/.test(source));
      expect(limited.length).toBeGreaterThanOrEqual(4);
      for (const source of limited) expect(source).toContain(BOUND_LIMIT);
      expect(prepared.filter((source) => /\bLIMIT\s+\?/i.test(source))).toEqual([]);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });
});
