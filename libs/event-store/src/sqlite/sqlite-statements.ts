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

  /** One statement per filter shape; the filter values are bound as parameters. */
  logPage(filter: LogFilter | undefined): { statement: Statement; params: string[] } {
    const categories = filter?.categories ?? [];
    const types = filter?.eventTypes ?? [];
    const key = `${categories.length}:${types.length}`;
    let statement = this.logPages.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (categories.length) where.push(`category IN (${placeholders(categories.length)})`);
      if (types.length) where.push(`type IN (${placeholders(types.length)})`);
      statement = this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
        .raw();
      this.logPages.set(key, statement);
    }
    return { statement, params: [...categories, ...types] };
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
