import fc from 'fast-check';
import { MAX_PAGE_SIZE, RELEVANCE, type Doc, type Filter, type Page, type ReadStore, type SortKey } from '../read-store.port';
import type { ContractContext } from './contract-context';
import { referenceSort } from './reference-order';
import { referenceRelevance, referenceSearch } from './search-reference';
import { PEOPLE_SEARCH } from './search.contract';

const FIRST = ['Anne', 'Änne', 'Annemarie', 'Jan', 'Jannes', 'Zoë', 'zoe', 'Øystein', 'Jean-Pierre', 'ANA'];
const LAST = ['de Vries', 'Vriesema', 'Müller', 'Muller', "O'Brien", 'Jansen', 'van der Berg', 'Bakker'];
const COMPANY = ['Acme B.V.', 'Acme-Holding', 'Globex', 'Müller & Zonen', 'Vries Fair'];

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 4 });

const personArbitrary = fc.record({
  firstName: maybe(fc.constantFrom(...FIRST)),
  lastName: maybe(fc.constantFrom(...LAST)),
  email: maybe(fc.tuple(fc.constantFrom('anne', 'j.jansen', 'info', 'zoe.muller'), fc.constantFrom('acme.nl', 'globex.com', 'vries.be')).map(([l, d]) => `${l}@${d}`)),
  phone: maybe(fc.constantFrom('+31201234567', '+32470123456', '+31612345678')),
  company: maybe(fc.constantFrom(...COMPANY).map((name) => ({ name }))),
  status: fc.constantFrom('NEW', 'WORKING'),
  since: fc.integer({ min: 0, max: 5 }),
});

const peopleArbitrary: fc.Arbitrary<Doc[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 25 })
  .chain((ids) => fc.tuple(...ids.map(() => personArbitrary)).map((people) => ids.map((id, i) => ({ id, ...people[i] }) as Doc)));

/** Words as people type them: whole or cut short, in any case, with or without accents, sometimes not there at all. */
const typedWord = fc
  .tuple(fc.constantFrom(...FIRST, ...LAST, ...COMPANY, 'acme.nl', '3120', 'zzz'), fc.integer({ min: 1, max: 12 }), fc.boolean())
  .map(([text, length, upper]) => (upper ? text.toUpperCase() : text).slice(0, length));
const searchArbitrary = fc.array(typedWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));

async function walk(store: ReadStore, collection: string, filter: Filter, sort: SortKey[], first: number): Promise<string[]> {
  const found: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page<Doc> = await store.find(collection, { filter, sort, first, after });
    found.push(...page.items.map((doc) => doc.id));
    expect(page.hasPreviousPage).toBe(after !== null);
    if (!page.hasNextPage) return found;
    after = page.endCursor;
  }
  throw new Error('pagination did not end');
}

/** From the end backwards with `last`/`before`: each page in the order asked for, pages prepended. */
async function walkBackwards(store: ReadStore, collection: string, filter: Filter, sort: SortKey[], last: number): Promise<string[]> {
  const found: string[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page<Doc> = await store.find(collection, { filter, sort, last, before });
    found.unshift(...page.items.map((doc) => doc.id));
    expect(page.hasNextPage).toBe(before !== null);
    if (!page.hasPreviousPage) return found;
    before = page.startCursor;
  }
  throw new Error('backward pagination did not end');
}

export function describeSearchPropertiesContract(ctx: ContractContext): void {
  describe('search, for any documents and words', () => {
    let run = 0;
    const loaded = async (people: Doc[]): Promise<string> => {
      const collection = `search_${run++}`;
      await ctx.store.ensureCollection(collection, [{ fields: [{ field: 'since' }] }], { search: PEOPLE_SEARCH });
      await ctx.store.writeBatch(people.map((doc) => ({ kind: 'upsert' as const, collection, doc })));
      return collection;
    };

    it('finds what the reference finds, in its relevance order, on one page or walking pages of any size either way', async () => {
      await fc.assert(
        fc.asyncProperty(peopleArbitrary, searchArbitrary, fc.integer({ min: 1, max: 6 }), async (people, text, first) => {
          const collection = await loaded(people);
          const expected = referenceSearch(people, PEOPLE_SEARCH, text);
          const sort: SortKey[] = [{ field: RELEVANCE, direction: 'desc' }];
          const whole = await ctx.store.find(collection, { filter: { $search: text }, sort, first: MAX_PAGE_SIZE });
          const walked = await walk(ctx.store, collection, { $search: text }, sort, first);
          const backwards = await walkBackwards(ctx.store, collection, { $search: text }, sort, first);
          // The items before one item's cursor are the page before it, in the same order, scores and all.
          const middle = Math.floor(whole.items.length / 2);
          const beforeMiddle = whole.items.length === 0 ? null : await ctx.store.find(collection, { filter: { $search: text }, sort, last: first, before: whole.cursors[middle] });
          const counted = await ctx.store.count(collection, { $search: text });
          await ctx.store.dropCollection(collection);
          expect(whole.items.map((doc) => doc.id)).toEqual(expected);
          expect(whole.totalCount).toBe(expected.length);
          expect(walked).toEqual(expected);
          expect(backwards).toEqual(expected);
          if (beforeMiddle !== null) {
            expect(beforeMiddle.items.map((doc) => doc.id)).toEqual(expected.slice(Math.max(0, middle - first), middle));
            expect(beforeMiddle.cursors).toEqual(whole.cursors.slice(Math.max(0, middle - first), middle));
            expect(beforeMiddle).toMatchObject({ hasNextPage: true, hasPreviousPage: middle > first, totalCount: expected.length });
          }
          expect(counted).toBe(expected.length);
        }),
        { numRuns: 40, seed: 20250611 },
      );
    });

    it('finds the same documents in an explicit order, with another condition ANDed, paged either way', async () => {
      await fc.assert(
        fc.asyncProperty(peopleArbitrary, searchArbitrary, fc.constantFrom<'asc' | 'desc'>('asc', 'desc'), async (people, text, direction) => {
          const collection = await loaded(people);
          const filter: Filter = { $search: text, status: 'NEW' };
          const sort: SortKey[] = [{ field: 'since', direction }];
          const matching = people.filter((doc) => doc.status === 'NEW' && referenceRelevance(doc, PEOPLE_SEARCH, text) !== null);
          const walked = await walk(ctx.store, collection, filter, sort, 3);
          const backwards = await walkBackwards(ctx.store, collection, filter, sort, 3);
          const counted = await ctx.store.count(collection, filter);
          await ctx.store.dropCollection(collection);
          expect(walked).toEqual(referenceSort(matching, sort).map((doc) => doc.id));
          expect(backwards).toEqual(referenceSort(matching, sort).map((doc) => doc.id));
          expect(counted).toBe(matching.length);
        }),
        { numRuns: 25, seed: 20250612 },
      );
    });
  });
}
