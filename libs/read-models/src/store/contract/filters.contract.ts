import type { Doc, Filter } from '../read-store.port';
import { sortedIds, type ContractContext } from './contract-context';

/** Mixed shapes on purpose: missing fields, JSON null, a number stored as a string, nested objects. */
const people: Doc[] = [
  { id: 'p1', name: 'Ada', age: 36, active: true, score: 1.5, address: { city: 'Ghent', zip: '9000' }, owner: 'u1' },
  { id: 'p2', name: 'adam', age: 17, active: false, score: 2, address: { city: 'Antwerp' }, owner: 'u2' },
  { id: 'p3', name: 'Bob', age: null, active: true, address: { city: null }, owner: 'u1' },
  { id: 'p4', name: 'Émile', age: '40', score: 0, address: 'unknown' },
  { id: 'p5', name: 'Ad', age: 1, active: 1, tags: ['x'] },
  { id: 'p6', name: 'Ada\u{1F600}', age: 36.5 },
];

const cases: Array<[string, Filter, string[]]> = [
  ['a bare scalar is $eq', { name: 'Ada' }, ['p1']],
  ['$eq on a number does not match a string or a boolean', { age: { $eq: 40 } }, []],
  ['$eq 1 does not match true', { active: 1 }, ['p5']],
  ['$eq true matches booleans only', { active: true }, ['p1', 'p3']],
  ['$eq false', { active: { $eq: false } }, ['p2']],
  ['$eq null matches null and missing', { age: null }, ['p3']],
  ['$eq null on a sometimes-missing field', { active: { $eq: null } }, ['p4', 'p6']],
  ['$ne matches different values and missing', { active: { $ne: true } }, ['p2', 'p4', 'p5', 'p6']],
  ['$ne null matches present non-null values', { age: { $ne: null } }, ['p1', 'p2', 'p4', 'p5', 'p6']],
  ['$in with mixed types and null', { age: { $in: [17, '40', null, true] } }, ['p2', 'p3', 'p4']],
  ['$in with booleans', { active: { $in: [false, 'x'] } }, ['p2']],
  ['$in empty matches nothing', { age: { $in: [] } }, []],
  ['$gt on numbers ignores strings, null and missing', { age: { $gt: 17 } }, ['p1', 'p6']],
  ['$gte and $lte together', { age: { $gte: 17, $lte: 36 } }, ['p1', 'p2']],
  ['$lt on numbers includes doubles and zero', { score: { $lt: 2 } }, ['p1', 'p4']],
  ['$lt on strings ignores numbers', { age: { $lt: '5' } }, ['p4']],
  ['$gt on strings is by code point', { name: { $gt: 'Bob' } }, ['p2', 'p4']],
  ['$prefix is case-sensitive and exact', { name: { $prefix: 'Ad' } }, ['p1', 'p5', 'p6']],
  ['$prefix with an astral character continuation', { name: { $prefix: 'Ada' } }, ['p1', 'p6']],
  ['$prefix empty matches every string', { 'address.zip': { $prefix: '' } }, ['p1']],
  ['$prefix ignores non-strings', { age: { $prefix: '4' } }, ['p4']],
  ['$exists true includes null', { age: { $exists: true } }, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
  ['$exists false', { active: { $exists: false } }, ['p4', 'p6']],
  ['dotted path into an object', { 'address.city': 'Ghent' }, ['p1']],
  ['dotted path: null and missing and through a scalar', { 'address.city': null }, ['p3', 'p4', 'p5', 'p6']],
  ['dotted path $exists', { 'address.city': { $exists: true } }, ['p1', 'p2', 'p3']],
  ['several fields are ANDed', { owner: 'u1', active: true, 'address.city': { $ne: null } }, ['p1']],
  ['id filters: $in', { id: { $in: ['p2', 'p9', 'p5'] } }, ['p2', 'p5']],
  ['id filters: range and prefix', { id: { $gt: 'p1', $lt: 'p4' } }, ['p2', 'p3']],
  ['id equals a number never matches', { id: 3 }, []],
  ['id $exists', { id: { $exists: true } }, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']],
];

const index = (field: string) => ({ fields: [{ field }] });

/**
 * Indexes never change what a filter matches. On SQLite they also change where a field is read from
 * (a column kept beside the document, or the JSON): every case runs with no index, with some, and
 * with every filtered field indexed.
 */
const INDEXINGS: Array<[string, ReturnType<typeof index>[]]> = [
  ['no index', []],
  ['age and name indexed', [index('age'), index('name')]],
  ['every filtered field indexed', ['name', 'age', 'active', 'score', 'address.city', 'address.zip', 'owner'].map(index)],
];

export function describeFiltersContract(ctx: ContractContext): void {
  describe('filters', () => {
    describe.each(INDEXINGS)('%s', (_indexing, indexes) => {
      it.each(cases)('%s', async (_title, filter, expected) => {
        await ctx.store.ensureCollection('people', indexes);
        await ctx.store.writeBatch(people.map((doc) => ({ kind: 'upsert' as const, collection: 'people', doc })));
        const page = await ctx.store.find('people', { filter, first: 100 });
        expect(sortedIds(page.items)).toEqual(expected);
        expect(page.totalCount).toBe(expected.length);
        expect(await ctx.store.count('people', filter)).toBe(expected.length);
      });
    });

    it('counts the whole collection without a filter', async () => {
      await ctx.store.writeBatch(people.map((doc) => ({ kind: 'upsert' as const, collection: 'people', doc })));
      expect(await ctx.store.count('people')).toBe(people.length);
    });
  });
}
