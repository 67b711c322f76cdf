import type { FilterPlan, QueryPlan } from '../query-plan';
import { RELEVANCE } from '../read-store.port';
import type { Keyset } from '../keyset';
import { BOUND_LIMIT, conditionSql, keysetSql, orderBySql, quoteIdent, type SqlParam } from './sqlite-sql';
import type { FieldSql } from './sqlite-columns';
import { relevanceSql, searchCountSql, searchMatchSql } from './sqlite-search';

export interface Query {
  sql: string;
  params: SqlParam[];
}

/** A searchable table as a query needs it: how fields are read, and its search weights. */
export interface QueryShape {
  fields: FieldSql;
  searchWeights: readonly number[];
}

const RELEVANCE_ALIAS = quoteIdent(RELEVANCE);

/** The score is a result column, named in ORDER BY and the keyset like any field (SQLite resolves the alias there). */
const withRelevance = (fields: FieldSql): FieldSql => ({
  value: (field) => (field === RELEVANCE ? RELEVANCE_ALIAS : fields.value(field)),
  type: (field) => fields.type(field),
});

function whereSql(collection: string, fields: FieldSql, plan: FilterPlan, params: SqlParam[]): string[] {
  const where = plan.search !== null && plan.search.words.length > 0 ? [searchMatchSql(collection, plan.search.words, params)] : [];
  return [...where, ...plan.conditions.map((c) => conditionSql(fields, c, params))];
}

const clause = (where: string[]): string => (where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`);

/** The filter, and the set between the page's cursors. */
const pageWhereSql = (collection: string, fields: FieldSql, plan: QueryPlan, params: SqlParam[]): string[] => [
  ...whereSql(collection, fields, plan, params),
  ...plan.bounds.map((bound) => keysetSql(fields, bound, params)),
];

/** The score column of a relevance order, '0' otherwise; its parameters come first. */
const relevanceColumnSql = (shape: QueryShape, plan: QueryPlan, params: SqlParam[]): string =>
  plan.sort.some((key) => key.field === RELEVANCE) ? relevanceSql(shape.searchWeights, plan.search?.words ?? [], params) : '0';

/** A page without search: one statement, documents included, `size + 1` rows in the plan's order. */
export function pageSql(collection: string, fields: FieldSql, plan: QueryPlan): Query {
  const params: SqlParam[] = [];
  const where = pageWhereSql(collection, fields, plan, params);
  params.push(plan.size + 1);
  return { sql: `SELECT doc FROM ${quoteIdent(collection)}${clause(where)} ORDER BY ${orderBySql(fields, plan.order)} ${BOUND_LIMIT}`, params };
}

/**
 * The rows of a search page, in order, with their scores: `SELECT r, "$relevance"`. The documents are read
 * after, by rowid, for that page only: a search may match thousands of rows, and SQLite's sorter would
 * otherwise carry every one's document.
 */
export function searchPageSql(collection: string, shape: QueryShape, plan: QueryPlan): Query {
  const params: SqlParam[] = [];
  const fields = withRelevance(shape.fields);
  const relevance = relevanceColumnSql(shape, plan, params);
  const where = pageWhereSql(collection, fields, plan, params);
  params.push(plan.size + 1);
  const sql = `SELECT rowid AS r, ${relevance} AS ${RELEVANCE_ALIAS} FROM ${quoteIdent(collection)}${clause(where)} ORDER BY ${orderBySql(fields, plan.order)} ${BOUND_LIMIT}`;
  return { sql, params };
}

/**
 * Whether an item lies at or beyond the cursor the page started from (the page's other flag): one row
 * at most. `shape.searchWeights` is only read for a relevance order, whose keyset names the score.
 */
export function beyondSql(collection: string, shape: QueryShape, plan: QueryPlan, beyond: Keyset): Query {
  const params: SqlParam[] = [];
  const fields = withRelevance(shape.fields);
  const relevance = relevanceColumnSql(shape, plan, params);
  const where = [...whereSql(collection, fields, plan, params), keysetSql(fields, beyond, params)];
  return { sql: `SELECT 1, ${relevance} AS ${RELEVANCE_ALIAS} FROM ${quoteIdent(collection)}${clause(where)} LIMIT 1`, params };
}

export const docsByRowidSql = (collection: string): string => `SELECT rowid AS r, doc FROM ${quoteIdent(collection)} WHERE rowid IN (SELECT value FROM json_each(?))`;

/** totalCount; a search with no other condition is counted by the FTS5 index alone. */
export function countSql(collection: string, fields: FieldSql, plan: FilterPlan): Query {
  const params: SqlParam[] = [];
  const words = plan.search?.words ?? [];
  if (words.length > 0 && plan.conditions.length === 0) return { sql: searchCountSql(collection, words, params), params };
  return { sql: `SELECT COUNT(*) AS n FROM ${quoteIdent(collection)}${clause(whereSql(collection, fields, plan, params))}`, params };
}
