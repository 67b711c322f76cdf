import type { JsonScalar } from '../json';
import type { Condition } from '../query-plan';
import type { KeyAtom, Keyset } from '../keyset';
import type { SortKey } from '../read-store.port';
import type { NormalizedIndex } from '../index-spec';
import { prefixUpperBound } from '../doc-path';

/**
 * SQL fragments for documents stored as JSON text. Field paths are validated identifiers
 * (never user text beyond /[A-Za-z0-9_.]/), and are inlined so that filters, sorts and
 * index definitions share the exact expression `json_extract(doc, '$.path')`, which is what
 * lets SQLite use an index on it. Every value travels as a bound parameter.
 */
export type SqlParam = string | number | null;

export const quoteIdent = (name: string): string => `"${name}"`;

export const valueExpr = (field: string): string => (field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`);

/** json_type: 'null' for a JSON null, SQL NULL when missing; `id` is always text. */
const typeExpr = (field: string): string => (field === 'id' ? `'text'` : `json_type(doc, '$.${field}')`);

/** json_extract turns booleans into 1/0, so booleans bind as 1/0 and are told apart by json_type. */
export const bindScalar = (value: JsonScalar): SqlParam => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

function typeGuard(field: string, value: Exclude<JsonScalar, null>): string {
  if (typeof value === 'string') return `${typeExpr(field)} = 'text'`;
  if (typeof value === 'number') return `${typeExpr(field)} IN ('integer', 'real')`;
  return `${typeExpr(field)} = '${value ? 'true' : 'false'}'`;
}

function equalSql(field: string, value: JsonScalar, params: SqlParam[]): string {
  if (value === null) return `${valueExpr(field)} IS NULL`;
  params.push(bindScalar(value));
  return `(${valueExpr(field)} = ? AND ${typeGuard(field, value)})`;
}

function inSql(field: string, values: JsonScalar[], params: SqlParam[]): string {
  const parts: string[] = [];
  const strings = values.filter((v) => typeof v === 'string');
  const numbers = values.filter((v) => typeof v === 'number');
  const booleans = [...new Set(values.filter((v) => typeof v === 'boolean'))];
  for (const [group, sample] of [[strings, ''], [numbers, 0]] as const) {
    if (group.length === 0) continue;
    parts.push(`(${valueExpr(field)} IN (${placeholders(group, params)}) AND ${typeGuard(field, sample)})`);
  }
  if (booleans.length > 0) parts.push(`${typeExpr(field)} IN (${booleans.map((b) => `'${b}'`).join(', ')})`);
  if (values.includes(null)) parts.push(`${valueExpr(field)} IS NULL`);
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
function typeBracket(field: string, value: number | string, op: keyof typeof RANGE_SQL): string {
  const upward = op === 'gt' || op === 'gte';
  if (typeof value === 'number') return upward ? `${valueExpr(field)} < ''` : `${valueExpr(field)} >= -9e999`;
  return upward ? `${valueExpr(field)} < ${BLOB_FLOOR}` : `${valueExpr(field)} >= ''`;
}

export function conditionSql(condition: Condition, params: SqlParam[]): string {
  const { field } = condition;
  switch (condition.op) {
    case 'eq':
      return equalSql(field, condition.value, params);
    case 'ne':
      return condition.value === null ? `${valueExpr(field)} IS NOT NULL` : `NOT IFNULL(${equalSql(field, condition.value, params)}, 0)`;
    case 'in':
      return inSql(field, condition.values, params);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      params.push(condition.value);
      return `(${valueExpr(field)} ${RANGE_SQL[condition.op]} ? AND ${typeBracket(field, condition.value, condition.op)} AND ${typeGuard(field, condition.value)})`;
    case 'prefix':
      return prefixSql(field, condition.value, params);
    case 'exists':
      return `${typeExpr(field)} IS ${condition.value ? 'NOT ' : ''}NULL`;
  }
}

/** A range, not LIKE/GLOB, so an index on the field serves it. */
function prefixSql(field: string, prefix: string, params: SqlParam[]): string {
  const upper = prefixUpperBound(prefix);
  params.push(prefix);
  if (upper === null) return `(${valueExpr(field)} >= ? AND ${valueExpr(field)} < ${BLOB_FLOOR} AND ${typeGuard(field, '')})`;
  params.push(upper);
  return `(${valueExpr(field)} >= ? AND ${valueExpr(field)} < ? AND ${typeGuard(field, '')})`;
}

const KEY_SQL = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function atomSql(atom: KeyAtom, params: SqlParam[]): string {
  const v = valueExpr(atom.field);
  if (!('value' in atom)) return `${v} IS ${atom.op === 'null' ? '' : 'NOT '}NULL`;
  params.push(bindScalar(atom.value));
  if (atom.op === 'ltOrNull') return `(${v} < ? OR ${v} IS NULL)`;
  if (atom.op === 'lteOrNull') return `(${v} <= ? OR ${v} IS NULL)`;
  return `${v} ${KEY_SQL[atom.op]} ?`;
}

export function keysetSql(keyset: Keyset, params: SqlParam[]): string {
  const bound = keyset.bound === null ? [] : [atomSql(keyset.bound, params)];
  const branches = keyset.branches.map((branch) => `(${branch.map((atom) => atomSql(atom, params)).join(' AND ')})`);
  return `(${[...bound, `(${branches.length === 0 ? '0' : branches.join(' OR ')})`].join(' AND ')})`;
}

/** SQLite sorts NULL lowest, which is the store's rule: nulls first on asc, last on desc. */
export const orderBySql = (sort: SortKey[]): string =>
  sort.map((key) => `${valueExpr(key.field)} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');

/**
 * Filters pair every value test with a json_type guard (types never compare across). A non-unique
 * index also carries those types after its keys, so a filtered COUNT and a filtered page are answered
 * from the index alone instead of reading and parsing every matching document.
 */
export function createIndexSql(table: string, index: NormalizedIndex): string {
  const keys = index.keys.map((k) => `${valueExpr(k.field)} ${k.direction === 1 ? 'ASC' : 'DESC'}`);
  const types = index.unique ? [] : index.keys.filter((k) => k.field !== 'id').map((k) => typeExpr(k.field));
  const name = `${table}__${index.name}${index.unique ? '' : '__typed'}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(table)} (${[...keys, ...types].join(', ')})`;
}
