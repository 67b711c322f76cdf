import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { events, streamIn, uniqueCategory } from '../contract/fixtures';
import { SqliteEventStore } from './sqlite-event-store';
import { BOUND_LIMIT, SqliteStatements } from './sqlite-statements';
import { StoredDictionary } from './stored-dictionary';

const dir = mkdtempSync(join(tmpdir(), 'crm-bound-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * SQLite plans a statement again at each run when a bare `LIMIT ?` is bound (see BOUND_LIMIT), so
 * every page of the log and of a stream binds its size as `LIMIT +?`, and the size still bounds it.
 */
describe('the SQLite log binds page sizes as an expression', () => {
  it('prepares no bare LIMIT ? for the log or a stream, and each page holds at most the size asked', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    const [a, b] = [uniqueCategory(), uniqueCategory()];
    await store.appendToStream(streamIn(a), events(5), 'no_stream');
    await store.appendToStream(streamIn(b), events(2), 'no_stream');
    await store.close();
    const db = new Database(path, { readonly: true });
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation((source: string) => (prepared.push(source), prepare(source)));
    try {
      const sql = new SqliteStatements(db);
      const dictionary = new StoredDictionary(db);
      const bothCategories = dictionary.rowFilter({ categories: [a, b] });
      expect(sql.logPage(0, 7, { categories: [], types: [] }, 3).map((row) => row[0])).toEqual([1, 2, 3]);
      expect(sql.logPage(0, 7, bothCategories, 6).map((row) => row[0])).toEqual([1, 2, 3, 4, 5, 6]);
      const [key, category] = db.prepare('SELECT stream, category FROM events WHERE position = 1').raw().get() as unknown[];
      expect(sql.streamForwards.all(key, category, 1, 2).map((row) => (row as unknown[])[2])).toEqual([1, 2]);
      expect(sql.streamBackwards.all(key, category, 4, 3).map((row) => (row as unknown[])[2])).toEqual([4, 3, 2]);
      const limited = prepared.filter((source) => /\bLIMIT\b/i.test(source) && !/\bLIMIT \d/.test(source));
      expect(limited.length).toBeGreaterThanOrEqual(4);
      for (const source of limited) expect(source).toContain(BOUND_LIMIT);
      expect(prepared.filter((source) => /\bLIMIT\s+\?/i.test(source))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
