import type { Database } from 'better-sqlite3';
import { DICTIONARY_DDL } from './stored-dictionary';
import { copyTextRows } from './schema-upgrade';

export const SCHEMA_VERSION = 4;
/**
 * Version 4 rows may hold leaves version 3 has no kind for (`d`, `c`: see packed-document.ts); its
 * rows are version 4 rows as they are, so an upgrade from it only sets the version (and older builds
 * refuse the file instead of failing on a shape they cannot read).
 */
const SAME_ROWS_SINCE = 3;

/**
 * A new log's pages. The indexes of a log take each new event at their end, and every commit writes
 * the pages it touched whole: with 2 KiB pages a commit of eight captures writes 3.2 KB of WAL
 * instead of 5.0. A page holds fewer whole rows (the table's pages are 0.87 full instead of 0.92),
 * which the smaller rows of version 4 more than pay for. A file made before keeps its pages: SQLite
 * changes them only by rewriting the file outside WAL mode.
 */
const NEW_FILE_PAGE_BYTES = 2048;

/**
 * One table, the log. `position` is AUTOINCREMENT so a position is never reused, even after the
 * newest row is deleted: checkpoints and audit chains can rely on it. SQLite has one writer at a time,
 * so positions become visible in order and a reader never sees a gap that fills later.
 *
 * A row keeps its event in few bytes (see packed-document.ts): the category and type as ids of
 * `event_names` (for the indexes and filters), the stream's and the event's uuids as 16 bytes (`stream`
 * and `id` have no type, so a name or id that is not a lower-case uuid is kept as its text), and the
 * data and metadata as the leaf values of a shape of `event_shapes` (`data`) and the bytes of the
 * leaves that have a binary form (`bin`). The shape also names the category, the type and which keys
 * are text (row-shape.ts), so a read needs none of the other columns. The stream index leads with the
 * part that differs between streams.
 */
export const EVENTS_DDL = (table: string) => `
CREATE TABLE ${table} (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  category    INTEGER NOT NULL,
  stream      NOT NULL,
  revision    INTEGER NOT NULL,
  id          NOT NULL,
  type        INTEGER NOT NULL,
  shape       INTEGER NOT NULL,
  data        TEXT    NOT NULL,
  bin         BLOB,
  recorded_at INTEGER NOT NULL
);`;

export const EVENTS_INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream, category, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (id);
-- Category-filtered reads (every projection's subscription, "is anything of mine pending") seek here
-- instead of scanning the other categories' events; appends add to the end of their category's range.
CREATE INDEX IF NOT EXISTS events_category_position ON events (category, position);
`;

const BUSY_TIMEOUT_MS = 10_000;
const WAL_CHECKPOINT_BYTES = 10_000 * 4096;
/**
 * How long opening waits for another process's upgrade of the file: the rewrite holds the write lock
 * for all of it (about 17 s per 1,000,000 events here), and every process of the scaled shape may be
 * started at once against the file that needs it.
 */
const UPGRADE_WAIT_MS = 30 * 60_000;

/** WAL with synchronous=FULL: a commit that returned is on disk, even across a power loss. */
export const prepareDatabase = (db: Database): void => {
  // Takes effect only in a file with no pages yet; must come before WAL mode writes the first one.
  db.pragma(`page_size = ${NEW_FILE_PAGE_BYTES}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Random stream names and event ids scatter index writes over many pages, so each checkpoint rewrites
  // many pages of the main file; checkpointing every ~40 MiB of WAL (10,000 pages of 4 KiB) instead of
  // SQLite's 1,000 pages amortises that, whatever the file's page size.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${Math.floor(WAL_CHECKPOINT_BYTES / pageSize)}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  refuseNewer(version);
  if (version === SCHEMA_VERSION) return;
  // Decided again inside the write transaction: another process may have created or upgraded the file meanwhile.
  const upgrade = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current === SCHEMA_VERSION) return false;
    // A newer build may have upgraded the file since the version was read above.
    refuseNewer(current);
    const old = hasTable(db, 'events');
    if (old && current >= SAME_ROWS_SINCE) {
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return false;
    }
    if (old) copyTextRows(db, (table) => db.exec(DICTIONARY_DDL + EVENTS_DDL(table)), EVENTS_INDEXES);
    else db.exec(DICTIONARY_DDL + EVENTS_DDL('events') + EVENTS_INDEXES);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return old;
  });
  const upgraded = withBusyTimeout(db, UPGRADE_WAIT_MS, () => upgrade.immediate());
  // The old rows' pages are free after the upgrade; giving them back to the disk is what it was for.
  // Another process reading the file at that moment keeps it from shrinking now; the rows are upgraded either way.
  if (upgraded) vacuumIfAlone(db);
};

const refuseNewer = (version: number): void => {
  if (version > SCHEMA_VERSION) throw new Error(`Event store file has schema version ${version}; this build knows up to ${SCHEMA_VERSION}`);
};

const withBusyTimeout = <T>(db: Database, ms: number, run: () => T): T => {
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return run();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
};

export const hasTable = (db: Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;

const vacuumIfAlone = (db: Database): void => {
  try {
    db.exec('VACUUM');
  } catch {
    // The free pages are reused by later appends.
  }
};
