import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import type { Doc } from '../read-store.port';
import { columnValues } from './sqlite-columns';

/**
 * Queries read a field from its column where the table has one and from the JSON text otherwise,
 * with the same SQL: the columns must hold exactly what json_extract and json_type give.
 */
describe('indexed fields in columns', () => {
  const db = new BetterSqlite3(':memory:');
  afterAll(() => db.close());
  const FIELDS = ['a', 'b', 'a.b', 'a.c', 'b.a.c', 'missing', 'a.missing'];
  const fromJson = db.prepare(`WITH d (j) AS (SELECT ?) SELECT ${FIELDS.map((f) => `json_extract(j, '$.${f}'), json_type(j, '$.${f}')`).join(', ')} FROM d`).raw();
  /** -0 is written "0": the same number to SQLite. */
  const sameZero = (values: unknown[]) => values.map((value) => (value === 0 ? 0 : value));

  const key = fc.constantFrom('a', 'b', 'c');
  const value = fc.letrec((tie) => ({
    json: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e21, -1e-7, 0.5, 2 ** 63, 1.5e300),
      fc.string({ unit: 'binary' }),
      fc.array(tie('json'), { maxLength: 3 }),
      fc.dictionary(key, tie('json'), { maxKeys: 3 }),
    ),
  })).json;

  it('hold what json_extract and json_type give for every kind of JSON value, nested or missing', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 3 }), (fields) => {
        const doc = { id: 'd', ...fields } as Doc;
        expect(sameZero(columnValues(doc, FIELDS))).toEqual(sameZero(fromJson.get(JSON.stringify(doc)) as unknown[]));
      }),
      { numRuns: 2_000 },
    );
  });

  it('read a number the way its JSON text reads: integers, reals and what JSON writes as null', () => {
    const doc = { id: 'd', a: 12, b: 1e21 } as Doc;
    expect(columnValues(doc, ['a', 'b'])).toEqual([12, 'integer', 1e21, 'real']);
    expect(columnValues({ id: 'd', a: Number.NaN } as unknown as Doc, ['a'])).toEqual((fromJson.get(JSON.stringify({ a: Number.NaN })) as unknown[]).slice(0, 2));
  });

  it('do not read inherited members', () => {
    expect(columnValues({ id: 'd' } as Doc, ['constructor', '__proto__', 'toString'])).toEqual([null, null, null, null, null, null]);
  });
});
