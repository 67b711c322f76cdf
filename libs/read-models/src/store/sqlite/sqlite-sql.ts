import type { JsonScalar } from '../json';
import type { Condition } from '../query-plan';
import type { KeyAtom, Keyset } from '../keyset';
import type { SortKey } from '../read-store.port';
import type { NormalizedIndex } from '../index-spec';
import { prefixUpperBound } from '../doc-path';
import type { FieldSql } from './sqlite-columns';

/**
 * SQL fragments for documents stored as JSON text. Field paths are validated identifiers
 * (never user text beyond /[A-Za-z0-9_.]/), and are inlined so that filters, sorts and
 * index definitions of a table share the exact expression of a field (its column, or
 * `json_extract(doc, '$.path')`: see FieldSql), which is what lets SQLite use an index on it.
 * Every value travels as a bound parameter. Types: 'null' for a JSON null, SQL NULL when missing.
 */
export type SqlParam = string | number | null;

export const quoteIdent = (name: string): string => `"${name}"`;

/**
 * A page size bound at each run, as `LIMIT +?` and never `LIMIT ?`: SQLite (3.53) reads a bare bound
 * LIMIT while it plans, and so marks the statement to be planned again whenever that parameter is
 * bound, which better-sqlite3 does at every run: each page of a list was parsed and planned anew. The
 * unary plus makes the limit an expression the planner leaves alone; at run time it is the same integer.
 */
export const BOUND_LIMIT = 'LIMIT +?';

/** json_extract turns booleans into 1/0, so booleans bind as 1/0 and are told apart by json_type. */
export const bindScalar = (value: JsonScalar): SqlParam => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

function typeGuard(f: FieldSql, field: string, value: Exclude<JsonScalar, null>): string {
  if (typeof value === 'string') return `${f.type(field)} = 'text'`;
  if (typeof value === 'number') return `${f.type(field)} IN ('integer', 'real')`;
  return `${f.type(field)} = '${value ? 'true' : 'false'}'`;
}

function equalSql(f: FieldSql, field: string, value: JsonScalar, params: SqlParam[]): string {
  if (value === null) return `${f.value(field)} IS NULL`;
  params.push(bindScalar(value));
  return `(${f.value(field)} = ? AND ${typeGuard(f, field, value)})`;
}

function inSql(f: FieldSql, field: string, values: JsonScalar[], params: SqlParam[]): string {
  const parts: string[] = [];
  const strings = values.filter((v) => typeof v === 'string');
  const numbers = values.filter((v) => typeof v === 'number');
  const booleans = [...new Set(values.filter((v) => typeof v === 'boolean'))];
  for (const [group, sample] of [[strings, ''], [numbers, 0]] as const) {
    if (group.length === 0) continue;
    parts.push(`(${f.value(field)} IN (${placeholders(group, params)}) AND ${typeGuard(f, field, sample)})`);
  }
  if (booleans.length > 0) parts.push(`${f.type(field)} IN (${booleans.map((b) => `'${b}'`).join(', ')})`);
  if (values.includes(null)) parts.push(`${f.value(field)} IS NULL`);
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

/**
 * A literal list (not json_each) so the planner knows its size and picks the field's index;
 * padded to a power of two with repeats so the statement cache sees few distinct shapes.
 */
function placeholders(values: Array<string | number>, params: SqlParam[]): string {
  let size = 1;
  while (size < values.length) size *= 2;
  for (let i = 0; i < size; i++) params.push(values[Math.min(i, values.length - 1)]);
  return new Array<string>(size).fill('?').join(', ');
}

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const BLOB_FLOOR = "x''";

/**
 * SQLite orders NULL < numbers < text < blobs, so the open side of a one-sided range is
 * closed at the edge of the operand's type: numbers below '' (the least text), text below
 * x'' (the least blob). The index then brackets the type itself, and a two-sided range
 * gives the planner a selective estimate so it prefers the index.
 */
function typeBracket(f: FieldSql, field: string, value: number | string, op: keyof typeof RANGE_SQL): string {
  const upward = op === 'gt' || op === 'gte';
  if (typeof value === 'number') return upward ? `${f.value(field)} < ''` : `${f.value(field)} >= -9e999`;
  return upward ? `${f.value(field)} < ${BLOB_FLOOR}` : `${f.value(field)} >= ''`;
}

export function conditionSql(f: FieldSql, condition: Condition, params: SqlParam[]): string {
  const { field } = condition;
  switch (condition.op) {
    case 'eq':
      return equalSql(f, field, condition.value, params);
    case 'ne':
      return condition.value === null ? `${f.value(field)} IS NOT NULL` : `NOT IFNULL(${equalSql(f, field, condition.value, params)}, 0)`;
    case 'in':
      return inSql(f, field, condition.values, params);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      params.push(condition.value);
      return `(${f.value(field)} ${RANGE_SQL[condition.op]} ? AND ${typeBracket(f, field, condition.value, condition.op)} AND ${typeGuard(f, field, condition.value)})`;
    case 'prefix':
      return prefixSql(f, field, condition.value, params);
    case 'exists':
      return `${f.type(field)} IS ${condition.value ? 'NOT ' : ''}NULL`;
  }
}

/** A range, not LIKE/GLOB, so an index on the field serves it. */
function prefixSql(f: FieldSql, field: string, prefix: string, params: SqlParam[]): string {
  const upper = prefixUpperBound(prefix);
  params.push(prefix);
  if (upper === null) return `(${f.value(field)} >= ? AND ${f.value(field)} < ${BLOB_FLOOR} AND ${typeGuard(f, field, '')})`;
  params.push(upper);
  return `(${f.value(field)} >= ? AND ${f.value(field)} < ? AND ${typeGuard(f, field, '')})`;
}

const KEY_SQL = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function atomSql(f: FieldSql, atom: KeyAtom, params: SqlParam[]): string {
  const v = f.value(atom.field);
  if (!('value' in atom)) return `${v} IS ${atom.op === 'null' ? '' : 'NOT '}NULL`;
  params.push(bindScalar(atom.value));
  if (atom.op === 'ltOrNull') return `(${v} < ? OR ${v} IS NULL)`;
  if (atom.op === 'lteOrNull') return `(${v} <= ? OR ${v} IS NULL)`;
  return `${v} ${KEY_SQL[atom.op]} ?`;
}

export function keysetSql(f: FieldSql, keyset: Keyset, params: SqlParam[]): string {
  const bound = keyset.bound === null ? [] : [atomSql(f, keyset.bound, params)];
  const branches = keyset.branches.map((branch) => `(${branch.map((atom) => atomSql(f, atom, params)).join(' AND ')})`);
  return `(${[...bound, `(${branches.length === 0 ? '0' : branches.join(' OR ')})`].join(' AND ')})`;
}

/** SQLite sorts NULL lowest, which is the store's rule: nulls first on asc, last on desc. */
export const orderBySql = (f: FieldSql, sort: SortKey[]): string =>
  sort.map((key) => `${f.value(key.field)} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');

/**
 * Filters pair every value test with a json_type guard (types never compare across). A non-unique
 * index also carries those types after its keys, so a filtered COUNT and a filtered page are answered
 * from the index alone instead of reading and parsing every matching document.
 *
 * An index whose last key descends is written with every key reversed, which SQLite reads backwards
 * for the declared order (NULLs last included). Ids and times grow, so `(status, capturedAt DESC, id
 * DESC)` as declared would take each new document at the front of its range, where SQLite's page
 * splits leave pages half full and touch a neighbour each time; reversed, it appends at the range's
 * end: about half the pages, and fewer of them written per commit. The name stays the declared one,
 * so an index made before keeps its direction and answers the same.
 */
export function createIndexSql(f: FieldSql, table: string, index: NormalizedIndex): string {
  const reversed = index.keys[index.keys.length - 1].direction === -1;
  const keys = index.keys.map((k) => `${f.value(k.field)} ${(k.direction === 1) !== reversed ? 'ASC' : 'DESC'}`);
  const types = index.unique ? [] : index.keys.filter((k) => k.field !== 'id').map((k) => f.type(k.field));
  const name = `${table}__${index.name}${index.unique ? '' : '__typed'}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(table)} (${[...keys, ...types].join(', ')})`;
}
