import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { events, streamIn, uniqueCategory } from '../contract/fixtures';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteStatements } from './sqlite-statements';
import { StoredDictionary } from './stored-dictionary';

const dir = mkdtempSync(join(tmpdir(), 'crm-log-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A page of several categories is one query per category, each its own snapshot: a reader must not be
 * handed an event past the head it read first, or it would move past an event of an earlier category
 * that another process committed between the queries.
 */
describe('a page of the SQLite log', () => {
  it('holds no event past the head it is given, in any category, with or without a filter', async () => {
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path });
    const [a, b] = [uniqueCategory(), uniqueCategory()];
    await store.appendToStream(streamIn(a), events(1), 'no_stream');
    await store.appendToStream(streamIn(b), events(1), 'no_stream');
    await store.appendToStream(streamIn(a), events(1), 'no_stream');
    await store.appendToStream(streamIn(b), events(1), 'no_stream');
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      const sql = new SqliteStatements(db);
      const both = new StoredDictionary(db).rowFilter({ categories: [a, b] });
      const positions = (head: number, filter = both) => sql.logPage(0, head, filter, 10).map((row) => row[0]);
      expect(positions(4)).toEqual([1, 2, 3, 4]);
      expect(positions(3)).toEqual([1, 2, 3]);
      expect(positions(1)).toEqual([1]);
      expect(positions(2, { categories: [], types: [] })).toEqual([1, 2]);
    } finally {
      db.close();
    }
  });
});
