import type { Database } from 'better-sqlite3';

const SCHEMA_VERSION = 2;

/**
 * One table, the log. `position` is AUTOINCREMENT so a position is never reused, even after the
 * newest row is deleted: checkpoints and audit chains can rely on it. SQLite has one writer at a time,
 * so positions become visible in order and a reader never sees a gap that fills later.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream      TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  id          TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (id);
-- Category-filtered reads (every projection's subscription, "is anything of mine pending") seek here
-- instead of scanning the other categories' events; appends add to the end of their category's range.
CREATE INDEX IF NOT EXISTS events_category_position ON events (category, position);
`;

/** WAL with synchronous=FULL: a commit that returned is on disk, even across a power loss. */
export const prepareDatabase = (db: Database): void => {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  // Random stream names and event ids scatter index writes over many pages, so each checkpoint rewrites
  // many pages of the main file; checkpointing every 10,000 WAL pages instead of 1,000 amortises that.
  db.pragma('wal_autocheckpoint = 10000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`Event store file has schema version ${version}; this build knows up to ${SCHEMA_VERSION}`);
  }
  db.exec(DDL);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
};
