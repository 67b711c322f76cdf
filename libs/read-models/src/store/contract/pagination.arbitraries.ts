import fc from 'fast-check';
import type { Doc, Filter, SortKey } from '../read-store.port';

/** Each field keeps one scalar type (plus null/missing), as the sort contract requires; few values, so ties are common. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined, freq: 3 });

const docArbitrary = fc.record(
  {
    n: maybe(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0.5, -1.25, 1e9))),
    s: maybe(fc.constantFrom('', 'a', 'ab', 'B', 'b', 'é', 'a\u{1F600}', 'a\uffff')),
    flag: maybe(fc.boolean()),
    group: fc.constantFrom('x', 'y'),
    meta: fc.option(fc.record({ rank: maybe(fc.integer({ min: 0, max: 4 })) }, { requiredKeys: [] }), { nil: undefined }),
  },
  { requiredKeys: ['group'] },
);

export const docsArbitrary: fc.Arbitrary<Doc[]> = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/), { maxLength: 30 })
  .chain((ids) => fc.tuple(...ids.map(() => docArbitrary)).map((records) => ids.map((id, i) => stripUndefined({ ...records[i], id }))));

const SORT_FIELDS = ['n', 's', 'flag', 'group', 'meta.rank', 'id'];

export const sortArbitrary: fc.Arbitrary<SortKey[]> = fc
  .shuffledSubarray(SORT_FIELDS, { minLength: 0, maxLength: 3 })
  .chain((fields) => fc.tuple(...fields.map((field) => fc.constantFrom('asc', 'desc').map((direction) => ({ field, direction }) as SortKey)))).map((keys) => [...keys]);

export interface FilterCase {
  filter: Filter;
  matches: (doc: Doc) => boolean;
}

const rank = (doc: Doc): unknown => (doc.meta as { rank?: unknown } | undefined)?.rank;

export const filterCases: FilterCase[] = [
  { filter: {}, matches: () => true },
  { filter: { group: 'x' }, matches: (d) => d.group === 'x' },
  { filter: { n: { $gt: 0 } }, matches: (d) => typeof d.n === 'number' && d.n > 0 },
  { filter: { 'meta.rank': { $lte: 2 }, group: 'y' }, matches: (d) => typeof rank(d) === 'number' && (rank(d) as number) <= 2 && d.group === 'y' },
  { filter: { s: { $prefix: 'a' } }, matches: (d) => typeof d.s === 'string' && d.s.startsWith('a') },
  { filter: { flag: { $ne: true } }, matches: (d) => d.flag !== true },
];

function stripUndefined(record: Record<string, unknown>): Doc {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' && value !== null ? stripUndefined(value as Record<string, unknown>) : value;
  }
  return out as Doc;
}
