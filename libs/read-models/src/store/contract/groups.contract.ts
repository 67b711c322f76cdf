import fc from 'fast-check';
import { InvalidQueryError } from '../read-store.errors';
import { MAX_IN_VALUES, type Doc, type FindOptions, type Page } from '../read-store.port';
import type { ContractContext } from './contract-context';
import { docsArbitrary, filterCases, sortArbitrary } from './pagination.arbitraries';

const GROUPS = ['x', 'y', 'none'];
/** Filters on other fields: the group joins them as one more condition. */
const otherFilters = filterCases.filter((filterCase) => !('group' in filterCase.filter));

const pageShape = (page: Page<Doc> | undefined) => page && { ...page, items: page.items.map((d) => d.id) };

/** Paging options of either direction, with or without a cursor taken from a real page. */
const pagingArbitrary = fc.record({ backward: fc.boolean(), size: fc.integer({ min: 0, max: 6 }), cursorAt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) });

export function describeGroupsContract(ctx: ContractContext): void {
  describe('a page per group', () => {
    it('gives each group the page find gives with the group added to the filter, in both directions', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(docsArbitrary, sortArbitrary, fc.constantFrom(...otherFilters), pagingArbitrary, async (docs, sort, filterCase, paging) => {
          const collection = `groups_${run}`;
          const indexes = run++ % 2 === 0 ? [{ fields: [{ field: 'group' }, { field: 'n' }] }] : [];
          await ctx.store.ensureCollection(collection, indexes);
          await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection, doc })));
          const whole = await ctx.store.find(collection, { sort, filter: filterCase.filter, first: 500 });
          const cursorDoc = paging.cursorAt === undefined ? undefined : whole.items[paging.cursorAt];
          const cursor = cursorDoc === undefined ? null : (await ctx.store.find(collection, { sort, filter: { id: cursorDoc.id }, first: 1 })).endCursor;
          const options: FindOptions = { sort, filter: filterCase.filter, ...(paging.backward ? { last: paging.size, before: cursor } : { first: paging.size, after: cursor }) };
          const grouped = await ctx.store.findGroups(collection, { ...options, groupBy: 'group', groups: GROUPS });
          for (const group of GROUPS) {
            const alone = await ctx.store.find(collection, { ...options, filter: { ...filterCase.filter, group } });
            expect(pageShape(grouped.get(group))).toEqual(pageShape(alone));
          }
          await ctx.store.dropCollection(collection);
          expect([...grouped.keys()].sort()).toEqual([...GROUPS].sort());
        }),
        { numRuns: 40, seed: 20240612 },
      );
    });

    it('matches groups as strings only, and reads a collection that does not exist as empty pages', async () => {
      const docs: Doc[] = [{ id: 'a', owner: '1' }, { id: 'b', owner: 1 }, { id: 'c', owner: '1' }, { id: 'd' }];
      await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'owned', doc })));
      const pages = await ctx.store.findGroups('owned', { groupBy: 'owner', groups: ['1', '1', '2'], first: 1 });
      expect([...pages.keys()]).toEqual(['1', '2']);
      expect(pages.get('1')).toMatchObject({ items: [{ id: 'a' }], hasNextPage: true, hasPreviousPage: false, totalCount: 2 });
      expect(pages.get('2')).toEqual({ items: [], cursors: [], startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false, totalCount: 0 });
      const missing = await ctx.store.findGroups('never_written', { groupBy: 'owner', groups: ['1'] });
      expect(missing.get('1')).toMatchObject({ items: [], totalCount: 0 });
      expect(await ctx.store.findGroups('owned', { groupBy: 'owner', groups: [] })).toEqual(new Map());
    });

    it('refuses more groups than a $in list takes, a bad group field, first with last, and a search', async () => {
      const many = Array.from({ length: MAX_IN_VALUES + 1 }, (_, i) => `g${i}`);
      await expect(ctx.store.findGroups('owned', { groupBy: 'owner', groups: many })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'groups' });
      await expect(ctx.store.findGroups('owned', { groupBy: '_id', groups: ['1'] })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'groupBy' });
      await expect(ctx.store.findGroups('owned', { groupBy: 'owner', groups: ['1'], first: 1, last: 1 })).rejects.toMatchObject({ field: 'last' });
      await expect(ctx.store.findGroups('owned', { groupBy: 'owner', groups: ['1'], filter: { $search: 'anne' } })).rejects.toMatchObject({
        constructor: InvalidQueryError,
        code: 'BAD_USER_INPUT',
        field: 'filter.$search',
      });
      const atLimit = Array.from({ length: MAX_IN_VALUES }, (_, i) => `g${i}`);
      expect((await ctx.store.findGroups('owned', { groupBy: 'owner', groups: atLimit })).size).toBe(MAX_IN_VALUES);
    });
  });
}
