import type { Database } from 'better-sqlite3';
import { quoteIdent } from './sqlite-sql';

/**
 * WAL lets readers run while the projector writes. synchronous=NORMAL may lose the last
 * transactions on power loss (never corrupts): acceptable because read models are rebuilt
 * from the event log and the checkpoint is in the same transaction as the documents, so
 * a lost tail is simply projected again.
 */
export function applyPragmas(db: Database): void {
  // Only takes effect on a new file (before WAL is on). 16 KiB pages hold several JSON
  // documents each and measured ~15% more upserts/s than the 4 KiB default.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

export const createCollectionSql = (name: string): string =>
  `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`;

export const LIST_COLLECTIONS_SQL = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`;

export function isMissingTable(error: unknown): boolean {
  return typeof (error as { message?: unknown })?.message === 'string' && /^no such table/.test((error as Error).message);
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}
