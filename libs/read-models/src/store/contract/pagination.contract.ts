import fc from 'fast-check';
import { InvalidQueryError } from '../read-store.errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Doc, type Filter, type Page, type ReadStore, type SortKey } from '../read-store.port';
import type { ContractContext } from './contract-context';
import { referenceSort } from './reference-order';
import { docsArbitrary, filterCases, sortArbitrary } from './pagination.arbitraries';

async function readAllPages(store: ReadStore, collection: string, sort: SortKey[], filter: Filter, first: number): Promise<{ ids: string[]; totals: Array<number | null> }> {
  const ids: string[] = [];
  const totals: Array<number | null> = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Page<Doc> = await store.find(collection, { sort, filter, first, after });
    ids.push(...page.items.map((d) => d.id));
    totals.push(page.totalCount);
    // Nothing lies before the first page; every later page starts after an item that is still there.
    expect(page.hasPreviousPage).toBe(after !== null);
    if (!page.hasNextPage) return { ids, totals };
    expect(page.items).toHaveLength(first);
    after = page.endCursor;
  }
  throw new Error('pagination did not end');
}

/** From the end backwards with `last`/`before`: each page in sort order, pages prepended. */
async function readAllPagesBackwards(store: ReadStore, collection: string, sort: SortKey[], filter: Filter, last: number): Promise<string[]> {
  const ids: string[] = [];
  let before: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: Page<Doc> = await store.find(collection, { sort, filter, last, before });
    ids.unshift(...page.items.map((d) => d.id));
    expect(page.hasNextPage).toBe(before !== null);
    if (!page.hasPreviousPage) return ids;
    expect(page.items).toHaveLength(last);
    before = page.startCursor;
  }
  throw new Error('backward pagination did not end');
}

export function describePaginationContract(ctx: ContractContext): void {
  describe('sort and keyset pagination', () => {
    it('walking every page equals one sorted read and the reference order, for any data, sort, filter and page size', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(docsArbitrary, sortArbitrary, fc.integer({ min: 1, max: 7 }), fc.constantFrom(...filterCases), async (docs, sort, first, filterCase) => {
          const collection = `prop_${run}`;
          // Every other run without indexes: on SQLite, fields are then read from the JSON instead of columns.
          const indexes = run++ % 2 === 0 ? [{ fields: [{ field: 'n' }] }, { fields: [{ field: 'meta.rank' }, { field: 's', direction: -1 as const }] }] : [];
          await ctx.store.ensureCollection(collection, indexes);
          await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection, doc })));
          const expected = referenceSort(docs.filter(filterCase.matches), sort).map((d) => d.id);
          const whole = await ctx.store.find(collection, { sort, filter: filterCase.filter, first: MAX_PAGE_SIZE });
          const walked = await readAllPages(ctx.store, collection, sort, filterCase.filter, first);
          const backwards = await readAllPagesBackwards(ctx.store, collection, sort, filterCase.filter, first);
          await ctx.store.dropCollection(collection);
          expect(whole.items.map((d) => d.id)).toEqual(expected);
          expect(walked.ids).toEqual(expected);
          expect(backwards).toEqual(expected);
          expect(new Set(walked.totals)).toEqual(new Set([expected.length]));
        }),
        { numRuns: 60, seed: 20240611 },
      );
    });

    it('puts null and missing first ascending and last descending, ties broken by id in the last direction', async () => {
      const docs: Doc[] = [{ id: 'b', v: 2 }, { id: 'a', v: null }, { id: 'c' }, { id: 'd', v: 1 }, { id: 'e', v: 2 }];
      await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'nulls', doc })));
      const asc = await ctx.store.find('nulls', { sort: [{ field: 'v', direction: 'asc' }] });
      const desc = await ctx.store.find('nulls', { sort: [{ field: 'v', direction: 'desc' }] });
      expect(asc.items.map((d) => d.id)).toEqual(['a', 'c', 'd', 'b', 'e']);
      expect(desc.items.map((d) => d.id)).toEqual(['e', 'b', 'd', 'c', 'a']);
    });

    it('pages by cursor, not offset: a document inserted before the cursor does not shift the next page', async () => {
      await ctx.store.writeBatch(['b', 'd', 'f', 'h'].map((id) => ({ kind: 'upsert' as const, collection: 'k', doc: { id } })));
      const page1 = await ctx.store.find('k', { first: 2 });
      expect(page1).toMatchObject({ hasNextPage: true, totalCount: 4 });
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'k', doc: { id: 'a' } }, { kind: 'delete', collection: 'k', id: 'd' }]);
      const page2 = await ctx.store.find('k', { first: 2, after: page1.endCursor });
      expect(page2.items.map((d) => d.id)).toEqual(['f', 'h']);
      expect(page2).toMatchObject({ hasNextPage: false, totalCount: 4 });
      expect(page2.startCursor).not.toBeNull();
    });

    it('leaves the count out when asked: the same page and cursors, totalCount null', async () => {
      const docs: Doc[] = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, v: i % 2 }));
      await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'uncounted', doc })));
      const query = { filter: { v: 1 }, sort: [{ field: 'id', direction: 'desc' as const }], first: 1 };
      const counted = await ctx.store.find('uncounted', query);
      const uncounted = await ctx.store.find('uncounted', { ...query, totalCount: false });
      expect(counted.totalCount).toBe(2);
      expect(uncounted).toEqual({ ...counted, totalCount: null });
      expect(await ctx.store.find('missing', { totalCount: false })).toMatchObject({ items: [], totalCount: null });
    });

    it('defaults first to 50 and accepts 0', async () => {
      const ids = Array.from({ length: 60 }, (_, i) => `id${String(i).padStart(3, '0')}`);
      await ctx.store.writeBatch(ids.map((id) => ({ kind: 'upsert' as const, collection: 'many', doc: { id } })));
      const page = await ctx.store.find('many');
      expect(page.items).toHaveLength(DEFAULT_PAGE_SIZE);
      expect(page).toMatchObject({ hasNextPage: true, totalCount: 60 });
      expect(await ctx.store.find('many', { first: 0 })).toEqual({ items: [], cursors: [], startCursor: null, endCursor: null, hasNextPage: true, hasPreviousPage: false, totalCount: 60 });
      const tail = await ctx.store.find('many', { last: 3 });
      expect(tail.items.map((d) => d.id)).toEqual(['id057', 'id058', 'id059']);
      expect(tail).toMatchObject({ hasNextPage: false, hasPreviousPage: true, totalCount: 60 });
    });

    it.each([-1, 1.5, MAX_PAGE_SIZE + 1, Number.NaN])('rejects first = %p', async (first) => {
      await expect(ctx.store.find('many', { first })).rejects.toMatchObject({ constructor: InvalidQueryError, code: 'BAD_USER_INPUT', field: 'first' });
    });

    it.each([-1, 1.5, MAX_PAGE_SIZE + 1])('rejects last = %p', async (last) => {
      await expect(ctx.store.find('many', { last })).rejects.toMatchObject({ constructor: InvalidQueryError, code: 'BAD_USER_INPUT', field: 'last' });
    });

    it('refuses first and last together', async () => {
      await expect(ctx.store.find('many', { first: 2, last: 2 })).rejects.toMatchObject({ constructor: InvalidQueryError, field: 'last' });
    });

    it('pages backwards by cursor, not offset, and reads only what lies between two cursors', async () => {
      const sort = [{ field: 'v', direction: 'desc' as const }];
      const docs: Doc[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, v: i % 3 === 0 ? null : i }));
      await ctx.store.writeBatch(docs.map((doc) => ({ kind: 'upsert' as const, collection: 'k', doc })));
      expect(referenceSort(docs, sort).map((d) => d.id)).toEqual(['f', 'e', 'c', 'b', 'd', 'a']);
      const tail = await ctx.store.find('k', { sort, last: 2 });
      expect(tail.items.map((d) => d.id)).toEqual(['d', 'a']);
      // Now f e c d c0 a: a document added after the cursor and one removed before it shift nothing.
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'k', doc: { id: 'c0', v: null } }, { kind: 'delete', collection: 'k', id: 'b' }]);
      const before = await ctx.store.find('k', { sort, last: 2, before: tail.startCursor });
      expect(before.items.map((d) => d.id)).toEqual(['e', 'c']);
      expect(before).toMatchObject({ hasPreviousPage: true, hasNextPage: true, totalCount: 6 });
      const between = { sort, after: (await ctx.store.find('k', { sort, first: 1 })).endCursor, before: tail.endCursor };
      expect((await ctx.store.find('k', { ...between, first: 10 })).items.map((d) => d.id)).toEqual(['e', 'c', 'd', 'c0']);
      expect(await ctx.store.find('k', { ...between, last: 2 })).toMatchObject({ hasPreviousPage: true, hasNextPage: true, items: [{ id: 'd' }, { id: 'c0' }] });
    });

    it('rejects malformed cursors and cursors made for another sort', async () => {
      await ctx.store.writeBatch(['a', 'b'].map((id) => ({ kind: 'upsert' as const, collection: 'k', doc: { id, v: id } })));
      const page = await ctx.store.find('k', { first: 1, sort: [{ field: 'v', direction: 'asc' }] });
      const forged = Buffer.from(JSON.stringify({ s: 'v:asc,id:asc', v: [{}, 'a'] })).toString('base64url');
      for (const after of ['%%%', 'bm90IGpzb24', forged, Buffer.from('[1]').toString('base64url')]) {
        await expect(ctx.store.find('k', { after, sort: [{ field: 'v', direction: 'asc' }] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      }
      await expect(ctx.store.find('k', { after: page.endCursor })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(ctx.store.find('k', { after: page.endCursor, sort: [{ field: 'v', direction: 'desc' }] })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(ctx.store.find('k', { before: '%%%', last: 1 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    });
  });
}
