import type { Doc } from '../read-store.port';
import type { NormalizedIndex } from '../index-spec';
import { quoteIdent } from './sqlite-sql';

/**
 * Indexed fields kept in real columns beside the JSON document: for each field, its value as
 * `json_extract(doc, '$.field')` gives it and its type as `json_type(doc, '$.field')` gives it.
 *
 * Why: an index on an expression of `doc` is rewritten whenever `doc` changes, so updating one field
 * of a document would rewrite every index of its collection (twelve for opportunities), and building
 * each index would parse every document again. SQLite rewrites an index on columns only when an
 * update sets one of them, and the writer sets only the columns whose values changed.
 *
 * Tables created by earlier versions (or by a write before `ensureCollection`) have no such columns: their
 * fields are read with json_extract/json_type, and their indexes stay on those expressions.
 */
export interface FieldSql {
  /** SQL for the field's value, as json_extract gives it. */
  value(field: string): string;
  /** SQL for the field's JSON type ('text', 'integer', ...), NULL when the field is missing. */
  type(field: string): string;
}

export type ColumnValue = string | number | null;

/** The fields of a collection's indexes (id is the primary key and needs no column), in a stable order. */
export const indexedFields = (indexes: readonly NormalizedIndex[]): string[] =>
  [...new Set(indexes.flatMap((index) => index.keys.map((key) => key.field)))].filter((field) => field !== 'id').sort();

export const valueColumn = (field: string): string => `v:${field}`;
export const typeColumn = (field: string): string => `t:${field}`;

/** Column definitions for a new table: no declared type, so values keep the storage class they are bound with. */
export const columnDefinitionsSql = (fields: readonly string[]): string =>
  fields.map((field) => `, ${quoteIdent(valueColumn(field))}, ${quoteIdent(typeColumn(field))}`).join('');

/** Reads documents' fields from their columns where the table has them, from the JSON otherwise. */
export const fieldSql = (columns: ReadonlySet<string>): FieldSql => ({
  value: (field) => (field === 'id' ? 'id' : columns.has(field) ? quoteIdent(valueColumn(field)) : `json_extract(doc, '$.${field}')`),
  type: (field) => (field === 'id' ? `'text'` : columns.has(field) ? quoteIdent(typeColumn(field)) : `json_type(doc, '$.${field}')`),
});

/** No columns: every field from the JSON document. */
export const JSON_FIELDS: FieldSql = fieldSql(new Set());

/**
 * The value and type columns of each field, in `fields` order, as SQLite's json_extract and
 * json_type would compute them from the stored JSON text (`JSON.stringify(doc)`) of a plain JSON document.
 */
export function columnValues(doc: Doc, fields: readonly string[]): ColumnValue[] {
  const values: ColumnValue[] = new Array(fields.length * 2);
  for (let i = 0; i < fields.length; i++) {
    const value = pathValue(doc, fields[i]);
    values[2 * i] = extracted(value);
    values[2 * i + 1] = jsonType(value);
  }
  return values;
}

/** Like json_extract's '$.a.b': object members only (arrays are not stepped into by a dotted path), own keys only. */
function pathValue(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  let start = 0;
  for (;;) {
    const dot = path.indexOf('.', start);
    const key = dot < 0 ? path.slice(start) : path.slice(start, dot);
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
    if (dot < 0) return current;
    start = dot + 1;
  }
}

function extracted(value: unknown): ColumnValue {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      return value === null ? null : JSON.stringify(value);
    default:
      return null;
  }
}

function jsonType(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      // The JSON text decides, as it does for SQLite: 1e+21 is a real, 12 an integer; NaN is written null.
      if (!Number.isFinite(value)) return 'null';
      return /[.eE]/.test(String(value)) ? 'real' : 'integer';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'array' : 'object';
    default:
      return null;
  }
}
