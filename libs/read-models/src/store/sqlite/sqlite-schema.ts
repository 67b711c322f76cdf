import type { Database } from 'better-sqlite3';
import { quoteIdent } from './sqlite-sql';
import { columnDefinitionsSql, valueColumn } from './sqlite-columns';
import { searchColumnDefinitionsSql } from './sqlite-search';

/**
 * WAL lets readers run while the projector writes. synchronous=NORMAL may lose the last
 * transactions on power loss (never corrupts): acceptable because read models are rebuilt
 * from the event log and the checkpoint is in the same transaction as the documents, so
 * a lost tail is simply projected again.
 */
export function applyPragmas(db: Database): void {
  // Only takes effect on a new file (before WAL is on). 4 KiB pages: a projected document dirties one
  // page per index, and each commit writes those pages whole to the WAL; against 16 KiB pages,
  // single-document updates of a twelve-index collection measured ~1.7x faster, bulk rebuilds ~8 % slower.
  // 2 KiB pages cut what a live commit writes by a fifth to a half, but a lead's row (~1 KB) then fills a
  // page alone: searches cost ~1.8x the CPU and rebuilds 2-6 % more (ARCHITECTURE.md, "Known limits").
  db.pragma('page_size = 4096');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A document overwritten or deleted (an erased person's, a dropped rebuild copy) leaves zeros, not
  // its old bytes, in the file's pages and free list.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // Checkpoint the WAL every ~160 MiB instead of every 1,000 pages: a projected document touches one
  // page per index, and frequent checkpoints copied those pages back into the file again and again
  // (single-document updates of a collection with twelve indexes measured ~2x faster).
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.floor(WAL_CHECKPOINT_BYTES / pageSize)}`);
}

const WAL_CHECKPOINT_BYTES = 160 * 1024 * 1024;

/** The connection's page cache, in KiB (a negative cache_size is KiB, not pages). */
export const PAGE_CACHE_KIB = 65_536;

/**
 * `fields`: indexed fields kept in columns beside the document (see sqlite-columns.ts); `searchWeights`:
 * one column of words per weight of the searchable fields (see sqlite-search.ts).
 */
export const createCollectionSql = (name: string, fields: readonly string[] = [], searchWeights: readonly number[] = []): string =>
  `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${columnDefinitionsSql(fields)}${searchColumnDefinitionsSql(searchWeights)})`;

export const TABLE_COLUMNS_SQL = 'SELECT name FROM pragma_table_info(?)';

/** The fields a table keeps in columns, from its column names (TABLE_COLUMNS_SQL); null when the table does not exist. */
export function columnFields(columns: readonly string[]): string[] | null {
  if (columns.length === 0) return null;
  return columns.filter((column) => column.startsWith(VALUE_PREFIX)).map((column) => column.slice(VALUE_PREFIX.length));
}

const VALUE_PREFIX = valueColumn('');

export const LIST_COLLECTIONS_SQL = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`;

export function isMissingTable(error: unknown): boolean {
  return typeof (error as { message?: unknown })?.message === 'string' && /^no such table/.test((error as Error).message);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
