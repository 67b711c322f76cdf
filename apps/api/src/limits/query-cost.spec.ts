import 'reflect-metadata';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { buildPublicSchema } from '../schema/public-schema';
import { MAX_QUERY_COST, queryCost } from './query-cost';

const aliases = (count: number, field: string): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('the cost of a query', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildPublicSchema();
  });
  const cost = (query: string, variables?: Record<string, unknown>): number | null => {
    const document = parse(query);
    return queryCost(schema, document, getOperationAST(document)!, variables);
  };

  it('is one per field, and a connection multiplies what it selects by its first', () => {
    // leads: 1 + first x (edges 1 + node 1 + id 1)
    expect(cost('{ leads(first: 1) { edges { node { id } } } }')).toBe(4);
    expect(cost('{ leads(first: 500) { edges { node { id } } } }')).toBe(1501);
    expect(cost('{ leads(first: 500) { totalCount edges { node { id } } } }')).toBe(2001);
  });

  it('takes first, else last, from the variables, else the default page size: 50, and 100 events of a history', () => {
    const query = 'query ($n: Int) { leads(first: $n) { edges { node { id } } } }';
    expect([cost(query, { n: 500 }), cost(query, { n: 2 }), cost(query, {}), cost(query, { n: null })]).toEqual([1501, 7, 151, 151]);
    expect(cost('{ accounts(first: 1) { edges { node { contacts { edges { node { id } } } } } } }')).toBe(1 + 1 * (1 + 1 + (1 + 50 * 3)));
    expect(cost('{ history(stream: { type: LEAD, id: "x" }) { edges { node { type } } } }')).toBe(1 + 100 * 3);
  });

  it('weighs a backward page by its last as a forward one by its first', () => {
    expect(cost('{ leads(last: 500) { edges { node { id } } } }')).toBe(1501);
    expect(cost('query ($n: Int) { history(stream: { type: LEAD, id: "x" }, last: $n) { edges { node { type } } } }', { n: 1000 })).toBe(1 + 1000 * 3);
  });

  it('multiplies nested connections', () => {
    const query = 'query ($n: Int!) { accounts(first: $n) { edges { node { contacts(first: $n) { edges { node { id } } } } } } }';
    expect(cost(query, { n: 10 })).toBe(1 + 10 * (1 + 1 + (1 + 10 * 3)));
    expect(cost(query, { n: 500 })).toBeGreaterThan(MAX_QUERY_COST);
  });

  it('puts sixty aliases of a full page over the limit, and one full page well under it', () => {
    expect(cost(aliases(60, 'leads(first: 500) { edges { node { id } } }'))).toBe(60 * 1501);
    expect(cost(aliases(60, 'leads(first: 500) { edges { node { id } } }'))).toBeGreaterThan(MAX_QUERY_COST);
    expect(cost('{ leads(first: 500) { totalCount pageInfo { endCursor } edges { cursor node { id status firstName lastName email phone jobTitle companyName source ownerId capturedAt updatedAt revision } } } }')).toBeLessThan(MAX_QUERY_COST / 4);
  });

  it('leaves out what @skip and @include leave out', () => {
    const query = 'query ($big: Boolean!) { leads(first: 500) @include(if: $big) { edges { node { id } } } pipeline { stages { stage } } }';
    expect([cost(query, { big: true }), cost(query, { big: false })]).toEqual([1501 + 3, 3]);
  });

  it('is not counted for variables that do not fit, which execution refuses', () => {
    expect(cost('query ($n: Int!) { leads(first: $n) { totalCount } }', { n: 'many' })).toBeNull();
  });

  it('is beyond counting for fragments that expand past the node limit', () => {
    const levels = Array.from({ length: 16 }, (_, i) => `fragment F${i} on Lead { ${i === 15 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`);
    expect(cost(`{ lead(id: "x") { ...F0 } } ${levels.join(' ')}`)).toBe(Infinity);
  });
});
