import type { Database, Statement } from 'better-sqlite3';
import type { LogFilter } from '../event-store.port';

/** Columns in the order rows are read in raw (array) mode; see toRecordedEvent. */
export const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';
export type EventRow = [number, string, number, string, string, string, string, number];

/** Prepared once per connection: better-sqlite3 statements are cheap to run and costly to prepare. */
export class SqliteStatements {
  readonly insert: Statement;
  readonly lastRevision: Statement;
  readonly eventById: Statement;
  readonly head: Statement;
  readonly streamForwards: Statement;
  readonly streamBackwards: Statement;
  private readonly logPages = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO events (stream, category, revision, id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastRevision = db.prepare('SELECT max(revision) FROM events WHERE stream = ?').pluck();
    this.eventById = db.prepare('SELECT stream, revision, position FROM events WHERE id = ?');
    this.head = db.prepare('SELECT max(position) FROM events').pluck();
    this.streamForwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`)
      .raw();
    this.streamBackwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
      .raw();
  }

  /**
   * The next page of the log after a position, optionally of some categories and event types. Each
   * category is read from its own index range and the ranges are merged by position: one query per
   * category keeps SQLite from collecting and sorting everything after the position.
   */
  logPage(after: number, filter: LogFilter | undefined, limit: number): EventRow[] {
    const categories = filter?.categories ?? [];
    const types = filter?.eventTypes ?? [];
    if (categories.length === 0) return this.pageStatement(false, types.length).all(after, ...types, limit) as EventRow[];
    const pages = categories.map((category) => this.pageStatement(true, types.length).all(category, after, ...types, limit) as EventRow[]);
    if (pages.length === 1) return pages[0];
    return pages.flat().sort((a, b) => a[0] - b[0]).slice(0, limit);
  }

  private pageStatement(byCategory: boolean, typeCount: number): Statement {
    const key = `${byCategory}:${typeCount}`;
    let statement = this.logPages.get(key);
    if (!statement) {
      const where = byCategory ? ['category = ?', 'position > ?'] : ['position > ?'];
      if (typeCount > 0) where.push(`type IN (${placeholders(typeCount)})`);
      statement = this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
        .raw();
      this.logPages.set(key, statement);
    }
    return statement;
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
