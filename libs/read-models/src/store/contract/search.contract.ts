import { InvalidQueryError } from '../read-store.errors';
import { RELEVANCE, type Doc, type FindOptions, type SearchFields } from '../read-store.port';
import type { ContractContext } from './contract-context';
import { referenceSearch } from './search-reference';

export const PEOPLE_SEARCH: SearchFields = { firstName: 2, lastName: 2, email: 1, phone: 1, 'company.name': 1 };

/** Names in several scripts and shapes; `notes` holds words too, but is not searchable. */
export const PEOPLE: Doc[] = [
  { id: 'p1', firstName: 'Anne', lastName: 'de Vries', email: 'anne@acme.nl', phone: '+31201234567', company: { name: 'Acme B.V.' }, status: 'NEW', since: 3 },
  { id: 'p2', firstName: 'Annemarie', lastName: 'Jansen', email: 'a.jansen@globex.com', company: { name: 'Globex' }, status: 'WORKING', since: 1 },
  { id: 'p3', firstName: 'Jürgen', lastName: 'Müller', email: null, company: { name: 'Initech' }, status: 'NEW', since: 2 },
  { id: 'p4', firstName: 'Hans', lastName: 'MULLER', email: 'hans@muller.de', status: 'WORKING', since: 5 },
  { id: 'p5', firstName: 'Siobhán', lastName: "O'Brien", email: 'siobhan.obrien@acme-holding.ie', company: { name: 'Acme Holding' }, status: 'NEW', since: 4 },
  { id: 'p6', firstName: 'Bob', lastName: 'Acmeson', email: 'bob@initech.io', status: 'NEW', since: 6, notes: 'met at the Vries fair' },
  { id: 'p7', firstName: null, lastName: null, status: 'NEW', since: 7, notes: 'anne vries' },
];

const ids = (docs: Doc[]): string[] => docs.map((doc) => doc.id);
const relevance = (...keys: FindOptions['sort'] & object): FindOptions['sort'] => [{ field: RELEVANCE, direction: 'desc' }, ...keys];

const FOUND: Array<[string, string, string[]]> = [
  ['a last name, by a prefix', 'vri', ['p1']],
  ['in any letter case', 'VRIES', ['p1']],
  ['a word of a company, and of an email, and the start of a longer last name', 'acme', ['p6', 'p5', 'p1']],
  ['a whole first name before the name it starts', 'anne', ['p1', 'p2']],
  ['several words, all of them (an email as typed)', 'anne@acme', ['p1']],
  ['an email domain with its dot', 'acme.nl', ['p1']],
  ['a name without its accents, both ways', 'muller', ['p4', 'p3']],
  ['a name with accents the document lacks', 'Müller', ['p4', 'p3']],
  ['a name typed without its accents', 'siobhan', ['p5']],
  ["a name with an apostrophe, joined", 'obrien', ['p5']],
  ["a name with an apostrophe, as written", "o'brien", ['p5']],
  ['the digits of a phone', '3120123', ['p1']],
  ['nothing for a word no document has', 'zzz', []],
  ['nothing for words only in a field that is not searchable', 'fair', []],
  ['nothing when one of the words is missing', 'anne initech', []],
];

export function describeSearchContract(ctx: ContractContext): void {
  describe('search', () => {
    const load = async (docs: Doc[] = PEOPLE, options: { deferIndexes?: boolean } = {}): Promise<void> => {
      await ctx.store.ensureCollection('people', [{ fields: [{ field: 'status' }] }, { fields: [{ field: 'since' }] }], { ...options, search: PEOPLE_SEARCH });
      await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'people', doc })));
    };
    const search = async (text: string, options: Omit<FindOptions, 'filter'> & { filter?: FindOptions['filter'] } = {}) =>
      ctx.store.find('people', { sort: relevance(), first: 100, ...options, filter: { ...options.filter, $search: text } });

    it.each(FOUND)('finds %s (%p), best first', async (_title, text, expected) => {
      await load();
      const page = await search(text);
      expect(ids(page.items)).toEqual(expected);
      expect(ids(page.items)).toEqual(referenceSearch(PEOPLE, PEOPLE_SEARCH, text));
      expect(page.totalCount).toBe(expected.length);
      expect(await ctx.store.count('people', { $search: text })).toBe(expected.length);
    });

    it('ranks a whole word above a word it starts, a heavier field above a lighter one, and sums over the words', async () => {
      await load([
        { id: 'w1', firstName: 'Jan', lastName: 'Smit', email: 'jan@smit.nl' },
        { id: 'w2', firstName: 'Janneke', lastName: 'Smits', email: 'info@jansen.nl' },
        { id: 'w3', firstName: 'Piet', lastName: 'Bos', email: 'jan@bos.nl' },
        { id: 'w4', firstName: 'Jan', lastName: 'Smitskamp' },
      ]);
      expect(ids((await search('jan')).items)).toEqual(['w4', 'w1', 'w3', 'w2']);
      expect(ids((await search('jan smit')).items)).toEqual(['w1', 'w4', 'w2']);
    });

    it('breaks ties by the sort keys after the relevance, then by id', async () => {
      await load();
      const page = await search('acme', { sort: relevance({ field: 'since', direction: 'asc' }) });
      expect(ids(page.items)).toEqual(['p1', 'p5', 'p6']);
    });

    it('orders by an explicit sort instead when the relevance is not asked for, and ANDs the other conditions', async () => {
      await load();
      const page = await search('acme', { sort: [{ field: 'since', direction: 'desc' }], filter: { status: 'NEW' } });
      expect(ids(page.items)).toEqual(['p6', 'p5', 'p1']);
      const narrowed = await search('a', { filter: { status: { $in: ['WORKING'] } } });
      expect(ids(narrowed.items)).toEqual(['p2']);
      expect(narrowed.totalCount).toBe(1);
      expect(await ctx.store.count('people', { $search: 'a', status: 'WORKING' })).toBe(1);
    });

    it('finds every document, all equally relevant, for a text without words', async () => {
      await load();
      for (const text of ['', '  @ -- ']) {
        expect(ids((await search(text)).items)).toEqual(['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1']);
        expect(await ctx.store.count('people', { $search: text })).toBe(7);
      }
    });

    it('pages a relevance order by cursor, and refuses a cursor of another search', async () => {
      await load();
      const first = await search('a', { first: 2 });
      expect(first).toMatchObject({ hasNextPage: true, totalCount: 4 });
      expect(first.cursors).toHaveLength(2);
      const rest = await search('a', { first: 10, after: first.endCursor });
      expect([...ids(first.items), ...ids(rest.items)]).toEqual(referenceSearch(PEOPLE, PEOPLE_SEARCH, 'a'));
      const second = await search('a', { first: 1, after: first.cursors[0] });
      expect(ids(second.items)).toEqual([ids(first.items)[1]]);
      await expect(search('an', { after: first.endCursor })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'after' });
    });

    it('pages a relevance order backwards from the end or from a cursor, and refuses a cursor of another search', async () => {
      await load();
      const expected = referenceSearch(PEOPLE, PEOPLE_SEARCH, 'a');
      const tail = await search('a', { first: undefined, last: 2 });
      expect(ids(tail.items)).toEqual(expected.slice(-2));
      expect(tail).toMatchObject({ hasPreviousPage: true, hasNextPage: false, totalCount: 4 });
      const before = await search('a', { first: undefined, last: 5, before: tail.startCursor });
      expect(ids(before.items)).toEqual(expected.slice(0, -2));
      expect(before).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
      const next = await search('a', { first: 1, after: before.endCursor });
      expect(next.cursors).toEqual(tail.cursors.slice(0, 1));
      await expect(search('an', { first: undefined, last: 1, before: tail.startCursor })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'before' });
      await expect(search('a', { last: 1 })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'last' });
    });

    it('finds documents by what they hold now: after updates, patches and deletes', async () => {
      await load();
      await ctx.store.writeBatch([
        { kind: 'upsert', collection: 'people', doc: { ...PEOPLE[0], lastName: 'Bakker', email: null } },
        { kind: 'patch', collection: 'people', id: 'p2', set: { 'company.name': 'Umbrella Corp' } },
        { kind: 'patch', collection: 'people', id: 'p4', set: { status: 'NEW' } },
        { kind: 'delete', collection: 'people', id: 'p5' },
      ]);
      expect(ids((await search('vries')).items)).toEqual([]);
      expect(ids((await search('bakker')).items)).toEqual(['p1']);
      expect(ids((await search('anne acme')).items)).toEqual(['p1']);
      expect(ids((await search('globex')).items)).toEqual(['p2']);
      expect(ids((await search('umbrella')).items)).toEqual(['p2']);
      expect(ids((await search('hans')).items)).toEqual(['p4']);
      expect(ids((await search('obrien')).items)).toEqual([]);
      expect(await ctx.store.count('people', { $search: 'acme' })).toBe(2);
    });

    it('finds documents loaded before their search index was built', async () => {
      await load(PEOPLE, { deferIndexes: true });
      await ctx.store.ensureCollection('people', [{ fields: [{ field: 'status' }] }, { fields: [{ field: 'since' }] }], { search: PEOPLE_SEARCH });
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'people', doc: { id: 'p8', firstName: 'Vries', lastName: 'Kamp' } }]);
      expect(ids((await search('vries')).items)).toEqual(['p8', 'p1']);
    });

    it('returns documents without the words the store keeps to find them', async () => {
      await load();
      expect((await search('anne')).items[0]).toEqual(PEOPLE[0]);
      expect(await ctx.store.get('people', 'p1')).toEqual(PEOPLE[0]);
      expect(await ctx.store.getMany('people', ['p1'])).toEqual(new Map([['p1', PEOPLE[0]]]));
    });

    it('answers a search of a collection nobody has made yet as empty, as any read of it (a read model before its first build)', async () => {
      expect(await ctx.store.find('never_made', { filter: { $search: 'anne' } })).toMatchObject({ items: [], totalCount: 0 });
      expect(await ctx.store.count('never_made', { $search: 'anne' })).toBe(0);
    });

    describe('refuses', () => {
      it('a search of a collection that declares no searchable fields', async () => {
        await ctx.store.ensureCollection('plain', []);
        await ctx.store.writeBatch([{ kind: 'upsert', collection: 'plain', doc: { id: 'x', firstName: 'Anne' } }]);
        await expect(ctx.store.find('plain', { filter: { $search: 'anne' } })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'filter.$search' });
        await expect(ctx.store.count('plain', { $search: 'anne' })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'filter.$search' });
      });

      it('a search that is not a string, or has too many words, and a relevance order without a search', async () => {
        await load();
        const tooMany = Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ');
        for (const text of [42, null, tooMany] as unknown as string[]) {
          await expect(ctx.store.find('people', { filter: { $search: text } })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'filter.$search' });
        }
        await expect(ctx.store.find('people', { sort: relevance() })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'sort.field' });
      });

      it('other searchable fields for a collection made with some, or without', async () => {
        await load();
        await expect(ctx.store.ensureCollection('people', [], { search: { firstName: 1 } })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'search' });
        await ctx.store.ensureCollection('people', [], { search: { ...PEOPLE_SEARCH } });
        await ctx.store.ensureCollection('plain', []);
        await expect(ctx.store.ensureCollection('plain', [], { search: { name: 1 } })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'search' });
        await ctx.store.dropCollection('people');
        await ctx.store.ensureCollection('people', [], { search: { firstName: 3 } });
        await ctx.store.writeBatch([{ kind: 'upsert', collection: 'people', doc: { id: 'n1', firstName: 'Vries' } }]);
        expect(ids((await search('vries')).items)).toEqual(['n1']);
      });

      it.each<SearchFields>([{}, { name: 0 }, { name: 1.5 }, { _id: 1 }, { id: 1 }])('search fields %p', async (fields) => {
        await expect(ctx.store.ensureCollection('bad', [], { search: fields })).rejects.toBeInstanceOf(InvalidQueryError);
      });

      it('a document carrying a key the store keeps for itself', async () => {
        await load();
        await expect(ctx.store.writeBatch([{ kind: 'upsert', collection: 'people', doc: { id: 'x', _search: [] } }])).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });
  });
}
