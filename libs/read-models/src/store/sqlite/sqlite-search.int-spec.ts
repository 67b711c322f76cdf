import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { RELEVANCE, type Doc, type WriteOp } from '../read-store.port';
import { referenceRelevance } from '../contract/search-reference';
import { SqliteReadStore } from './sqlite-read-store';
import { searchIndexName } from './sqlite-search';

const SEARCH = { firstName: 2, lastName: 2, email: 1, phone: 1 };
const XANTHIPPE: Doc = { id: 'x', firstName: 'Xanthippe', lastName: 'Quellwasser', email: 'xanthippe@zeepziederij.nl', phone: '+31648217739' };
const OTTOLINE: Doc = { id: 'o', firstName: 'Ottoline', lastName: 'Brandewijn', email: 'ottoline@zeepziederij.nl', phone: '+31637715402' };
/**
 * FTS5 writes a word after the part it shares with the word before it on the page, so the file is
 * searched for each word without its first three letters (and the two- and three-letter prefix
 * entries say nothing about a person).
 */
const tails = (doc: Doc): string[] => ['xanthippe', 'quellwasser', '31648217739', 'ottoline', 'brandewijn', '31637715402']
  .filter((word) => JSON.stringify(doc).toLowerCase().includes(word.slice(0, 5)))
  .map((word) => word.slice(3));

describe('SQLite search specifics', () => {
  let dir: string;
  let file: string;
  let store: SqliteReadStore;
  let count = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-store-search-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    file = join(dir, `s-${count++}.sqlite`);
    store = new SqliteReadStore({ filename: file });
  });
  afterEach(() => store.close());

  const found = async (text: string): Promise<string[]> =>
    (await store.find('people', { filter: { $search: text }, sort: [{ field: RELEVANCE, direction: 'desc' }] })).items.map((doc) => doc.id);
  const fileHolds = (text: string): boolean =>
    ['', '-wal'].some((suffix) => existsSync(file + suffix) && readFileSync(file + suffix).includes(Buffer.from(text)));
  const indexedTerms = (): string[] => {
    const db = new BetterSqlite3(file);
    try {
      db.exec(`CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, ${JSON.stringify(searchIndexName('people'))}, 'row')`);
      return db.prepare('SELECT term FROM temp.terms').pluck().all() as string[];
    } finally {
      db.close();
    }
  };

  it("leaves none of a person's words in the index or in the file once their fields are blanked and the WAL purged", async () => {
    await store.ensureCollection('people', [], { search: SEARCH });
    await store.writeBatch([XANTHIPPE, OTTOLINE].map((doc) => ({ kind: 'upsert' as const, collection: 'people', doc })));
    expect(await found('quellwasser')).toEqual(['x']);
    for (const tail of tails(XANTHIPPE)) expect(fileHolds(tail)).toBe(true);
    // What a projection writes for an erased person: the same document with its personal fields null.
    await store.writeBatch([{ kind: 'upsert', collection: 'people', doc: { id: 'x', firstName: null, lastName: null, email: null, phone: null } }]);
    expect(await store.purgeFreedSpace()).toBe(true);
    expect(await found('quellwasser')).toEqual([]);
    expect(await found('xanthippe')).toEqual([]);
    expect(indexedTerms()).toEqual(expect.arrayContaining(['ottoline', 'brandewijn', 'zeepziederij', '31637715402']));
    expect(indexedTerms().filter((term) => /xanth|quell|648217/.test(term))).toEqual([]);
    for (const tail of tails(XANTHIPPE)) expect(fileHolds(tail)).toBe(false);
    for (const tail of tails(OTTOLINE)) expect(fileHolds(tail)).toBe(true);
  });

  it('keeps a collection searchable across a reopen: the writer reads its declaration from the file', async () => {
    await store.ensureCollection('people', [], { search: SEARCH });
    await store.close();
    store = new SqliteReadStore({ filename: file });
    await store.writeBatch([{ kind: 'upsert', collection: 'people', doc: OTTOLINE }]);
    expect(await found('brand')).toEqual(['o']);
  });

  it('asks the FTS5 index which rows match, and counts a bare search from it alone', async () => {
    await store.ensureCollection('people', [{ fields: [{ field: 'status' }] }], { search: SEARCH });
    const plan = store.explainFind('people', { filter: { $search: 'anne' }, sort: [{ field: RELEVANCE, direction: 'desc' }] }).join('\n');
    expect(plan).toContain(`VIRTUAL TABLE INDEX`);
    expect(store.explainCount('people', { $search: 'anne' })).toEqual([expect.stringMatching(/^SCAN _search_people VIRTUAL TABLE INDEX/)]);
  });

  it('drops the search index and its shadow tables with the collection', async () => {
    await store.ensureCollection('people', [], { search: SEARCH });
    await store.writeBatch([{ kind: 'upsert', collection: 'people', doc: OTTOLINE }]);
    await store.dropCollection('people');
    const db = new BetterSqlite3(file);
    try {
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%people%'`).pluck().all()).toEqual([]);
    } finally {
      db.close();
    }
    expect(await store.listCollections()).toEqual([]);
  });

  /**
   * FTS5 keeps an external-content index only as right as the writes it is told about; its own
   * integrity-check compares the index with the rows. Batches mix inserts, rewrites, patches and deletes
   * of the same documents, as live batches of the projector do.
   */
  it('keeps the search index whole under any batches of upserts, patches and deletes', async () => {
    const words = fc.constantFrom('acme', 'anne', 'annemarie', 'vries', 'de', 'ab', 'abc', 'jan', 'Müller');
    const name = fc.array(words, { minLength: 0, maxLength: 3 }).map((parts) => (parts.length === 0 ? null : parts.join(' ')));
    const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const op: fc.Arbitrary<WriteOp> = fc.oneof(
      fc.record({ id, firstName: name, lastName: name, email: name }).map((doc) => ({ kind: 'upsert' as const, collection: 'people', doc: doc as Doc })),
      fc.tuple(id, name).map(([target, lastName]) => ({ kind: 'patch' as const, collection: 'people', id: target, set: { lastName } })),
      fc.tuple(id, fc.nat()).map(([target, n]) => ({ kind: 'patch' as const, collection: 'people', id: target, set: { visits: n } })),
      id.map((target) => ({ kind: 'delete' as const, collection: 'people', id: target })),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        await store.dropCollection('people');
        await store.ensureCollection('people', [], { search: SEARCH });
        const db = new BetterSqlite3(file);
        try {
          for (const batch of batches) {
            await store.writeBatch(batch);
            db.prepare(`INSERT INTO "_search_people" ("_search_people", rank) VALUES ('integrity-check', 1)`).run();
          }
        } finally {
          db.close();
        }
        const docs = (await store.find('people', { first: 100 })).items;
        for (const text of ['a', 'ann', 'vries', 'muller']) {
          expect(await store.count('people', { $search: text })).toBe(docs.filter((doc) => referenceRelevance(doc, SEARCH, text) !== null).length);
        }
        run++;
      }),
      { numRuns: 60, seed: 20250615 },
    );
    expect(run).toBe(60);
  });
  it('keeps its leaves at half a page, and stays whole and found through many small commits', async () => {
    await store.ensureCollection('people', [], { search: SEARCH });
    for (let n = 0; n < 400; n++) {
      await store.writeBatch([{ kind: 'upsert', collection: 'people', doc: { id: `p${String(n).padStart(4, '0')}`, firstName: `Anne${n % 37}`, lastName: `Vries${n}`, email: `a${n}@acme.nl`, phone: null } }]);
    }
    const db = new BetterSqlite3(file);
    try {
      expect(db.prepare(`SELECT v FROM "_search_people_config" WHERE k = 'pgsz'`).pluck().get()).toBe(2000);
      db.prepare(`INSERT INTO "_search_people" ("_search_people", rank) VALUES ('integrity-check', 1)`).run();
    } finally {
      db.close();
    }
    expect(await found('vries399')).toEqual(['p0399']);
    const annes = Array.from({ length: 400 }, (_, n) => `anne${n % 37}`).filter((name) => name.startsWith('anne3')).length;
    expect((await store.find('people', { filter: { $search: 'anne3' }, first: 500 })).items).toHaveLength(annes);
  });
});
