import { InvalidQueryError } from '../read-store.errors';
import { normalizeSearchFields, sameSearchSpec, type SearchSpec } from '../search/search-fields';
import { columnValues, fieldSql, JSON_FIELDS, typeColumn, valueColumn, type ColumnValue, type FieldSql } from './sqlite-columns';
import { SEARCH_COLUMN_PREFIX, searchColumn, searchColumnValues, searchIndexName } from './sqlite-search';
import type { StatementCache } from './statement-cache';
import { TABLE_COLUMNS_SQL, columnFields } from './sqlite-schema';
import type { Doc } from '../read-store.port';

/** What a collection's table holds beside `id` and `doc`, read from the file (another process may have made it). */
export interface TableShape {
  /** How queries read each field: from its column where it has one. */
  fields: FieldSql;
  /** Indexed fields kept in value and type columns. */
  columnFields: string[];
  /** The declared searchable fields, and whether their FTS5 index is built yet (not during a bulk load). */
  search: { spec: SearchSpec; indexed: boolean } | null;
  /** Whether the table has an index besides its primary key's (none during a bulk load). */
  indexed: boolean;
}

/** `_search_fields` (sqlite-system.ts) keeps each collection's declared searchable fields: the writer derives the search columns from them. */
const SEARCH_FIELDS_SQL = 'SELECT fields FROM _search_fields WHERE collection = ?';
const TABLE_EXISTS_SQL = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?";
/** A primary key's own index has no SQL: any other index of the table has. */
const SECONDARY_INDEX_SQL = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL LIMIT 1";

/** Null when the table does not exist. */
export function readTableShape(statements: StatementCache, collection: string): TableShape | null {
  const columns = statements.get('_', TABLE_COLUMNS_SQL).pluck().all(collection) as string[];
  const fields = columnFields(columns);
  if (fields === null) return null;
  const spec = declaredSearch(statements, collection);
  const searchable = spec !== null && columns.includes(searchColumn(spec.weights[0]));
  return {
    fields: fields.length === 0 ? JSON_FIELDS : fieldSql(new Set(fields)),
    columnFields: fields,
    search: searchable ? { spec, indexed: statements.get('_', TABLE_EXISTS_SQL).get(searchIndexName(collection)) !== undefined } : null,
    indexed: statements.get('_', SECONDARY_INDEX_SQL).get(collection) !== undefined,
  };
}

function declaredSearch(statements: StatementCache, collection: string): SearchSpec | null {
  const stored = statements.get('_', SEARCH_FIELDS_SQL).pluck().get(collection) as string | undefined;
  return stored === undefined ? null : normalizeSearchFields(Object.fromEntries(JSON.parse(stored) as Array<[string, number]>));
}

/**
 * Records a collection's searchable fields the first time, once its table has a column per weight; the
 * same declaration again is a no-op, and none leaves the declared one alone. Another one is refused: the
 * table's columns were made for the first (a projection that changes them takes a new version).
 */
export function declareSearch(statements: StatementCache, collection: string, spec: SearchSpec | null): void {
  if (spec === null) return;
  const declared = declaredSearch(statements, collection);
  if (declared !== null && sameSearchSpec(declared, spec)) return;
  const columns = statements.get('_', TABLE_COLUMNS_SQL).pluck().all(collection) as string[];
  const searchColumns = columns.filter((column) => column.startsWith(SEARCH_COLUMN_PREFIX));
  if (declared !== null || searchColumns.join() !== spec.weights.map(searchColumn).join()) {
    throw new InvalidQueryError(`collection ${collection} exists with other searchable fields, or none; new ones need a new collection`, 'search');
  }
  statements.get('_', 'INSERT INTO _search_fields (collection, fields) VALUES (?, ?)').run(collection, JSON.stringify(spec.fields));
}

export const forgetSearchSql = 'DELETE FROM _search_fields WHERE collection = ?';

/** The columns a writer sets beside `id` and `doc`, and their values for a document, in the same order. */
export interface TableColumns {
  names: string[];
  values(doc: Doc): ColumnValue[];
  /** The search weights, whose columns end `names`, when the table's search index is built: the writer keeps it. */
  searchIndex: { weights: readonly number[] } | null;
  /** No index but the primary key's and no search index (a bulk load, before its indexes are built): nothing but the row to keep up. */
  rowOnly: boolean;
}

export function tableColumns(shape: TableShape): TableColumns | null {
  const { columnFields: fields, search } = shape;
  if (fields.length === 0 && search === null) return null;
  const names = [...fields.flatMap((field) => [valueColumn(field), typeColumn(field)]), ...(search?.spec.weights.map(searchColumn) ?? [])];
  const searchIndexed = search?.indexed === true;
  return {
    names,
    values: search === null ? (doc) => columnValues(doc, fields) : (doc) => [...columnValues(doc, fields), ...searchColumnValues(doc, search.spec)],
    searchIndex: searchIndexed ? { weights: search.spec.weights } : null,
    rowOnly: !shape.indexed && !searchIndexed,
  };
}
