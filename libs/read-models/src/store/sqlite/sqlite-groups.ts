import type { QueryPlan } from '../query-plan';
import type { Keyset } from '../keyset';
import type { FieldSql } from './sqlite-columns';
import { BOUND_LIMIT, conditionSql, keysetSql, orderBySql, quoteIdent, type SqlParam } from './sqlite-sql';

/** A page per group: `find`'s plan, plus the field naming the groups and the groups wanted. */
export type GroupPlan = QueryPlan & { groupBy: string; groups: string[] };

export interface GroupSql {
  sql: string;
  params: SqlParam[];
}

/**
 * One statement for every group's page. For each wanted group (the outer loop, forced by CROSS JOIN)
 * a correlated subquery reads that group's page ids from the index, `size + 1` of them in the plan's
 * order; the outer query fetches those documents by id. So a group costs one index range of a page,
 * not a read of all its documents. Unqualified fields inside the subquery name its own table.
 */
export function groupPagesSql(f: FieldSql, table: string, plan: GroupPlan): GroupSql {
  const params: SqlParam[] = [JSON.stringify(plan.groups)];
  const where = [inGroupSql(f, plan.groupBy), ...plan.conditions.map((c) => conditionSql(f, c, params)), ...plan.bounds.map((k) => keysetSql(f, k, params))];
  params.push(plan.size + 1);
  const page = `SELECT id FROM ${quoteIdent(table)} WHERE ${where.join(' AND ')} ORDER BY ${orderBySql(f, plan.order)} ${BOUND_LIMIT}`;
  return {
    sql: `WITH wanted(grp) AS (SELECT DISTINCT value FROM json_each(?)) SELECT wanted.grp AS grp, doc FROM wanted CROSS JOIN ${quoteIdent(table)} AS page ` +
      `ON page.id IN (${page}) ORDER BY wanted.grp, ${orderBySql(f, plan.order)}`,
    params,
  };
}

/** The size of each group's whole filtered set, in one grouped count over the index. */
export function groupCountsSql(f: FieldSql, table: string, plan: GroupPlan): GroupSql {
  const params: SqlParam[] = [];
  const where = [conditionSql(f, { field: plan.groupBy, op: 'in', values: plan.groups }, params), ...plan.conditions.map((c) => conditionSql(f, c, params))];
  return { sql: `SELECT ${f.value(plan.groupBy)} AS grp, COUNT(*) AS n FROM ${quoteIdent(table)} WHERE ${where.join(' AND ')} GROUP BY 1`, params };
}

/** The groups with an item at or beyond the page's starting cursor: one indexed probe per group. */
export function groupsBeyondSql(f: FieldSql, table: string, plan: GroupPlan, beyond: Keyset): GroupSql {
  const params: SqlParam[] = [JSON.stringify(plan.groups)];
  const where = [inGroupSql(f, plan.groupBy), ...plan.conditions.map((c) => conditionSql(f, c, params)), keysetSql(f, beyond, params)];
  return {
    sql: `WITH wanted(grp) AS (SELECT DISTINCT value FROM json_each(?)) SELECT grp FROM wanted WHERE EXISTS (SELECT 1 FROM ${quoteIdent(table)} WHERE ${where.join(' AND ')})`,
    params,
  };
}

/** Groups are strings: the type guard keeps a number 1 out of group "1", as every filter does. */
const inGroupSql = (f: FieldSql, groupBy: string): string => `${f.value(groupBy)} = wanted.grp AND ${f.type(groupBy)} = 'text'`;
