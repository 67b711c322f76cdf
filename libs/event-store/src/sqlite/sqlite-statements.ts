import type { Database, Statement } from 'better-sqlite3';
import type { RowFilter } from './stored-dictionary';

/**
 * A row's bytes as SQLite hands them over fastest: one text of hex digits (upper case), written in C,
 * holding the stream's uuid, the event's uuid and the packed leaves' bytes, in that order; a key kept as
 * text instead (not a lower-case uuid) has no digits there and comes in a column of its own, null
 * otherwise. One string per row rather than three, and no Buffer per blob: each is an allocation the
 * reader makes and the collector then has to chase.
 */
const digitsOf = (column: string): string => `iif(typeof(${column}) = 'blob', hex(${column}), '')`;
const textOf = (column: string): string => `iif(typeof(${column}) = 'blob', NULL, ${column})`;

/** Columns in the order rows are read in raw (array) mode; see toRecordedEvent. */
export const EVENT_COLUMNS = `position, category, ${digitsOf('stream')} || ${digitsOf('id')} || hex(bin), revision, ${textOf('stream')}, ${textOf('id')}, type, shape, data, recorded_at`;
/** A row as read: the digits of its uuids and bytes, then the stream's and the event's ids when kept as text. */
export type EventRow = [number, number, string, number, string | null, string | null, number, number, string, number];

/** Digits of a uuid. */
export const UUID_DIGITS = 32;

const STREAM = 'stream = ? AND category = ?';

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
      `INSERT INTO events (category, stream, revision, id, type, shape, data, bin, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.lastRevision = db.prepare(`SELECT max(revision) FROM events WHERE ${STREAM}`).pluck();
    this.eventById = db.prepare('SELECT category, stream, revision, position FROM events WHERE id = ?');
    this.head = db.prepare('SELECT max(position) FROM events').pluck();
    this.streamForwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM} AND revision >= ? ORDER BY revision LIMIT ?`)
      .raw();
    this.streamBackwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM} AND revision <= ? ORDER BY revision DESC LIMIT ?`)
      .raw();
  }

  /**
   * The next page of the log after a position, optionally of some categories and event types. Each
   * category is read from its own index range and the ranges are merged by position: one query per
   * category keeps SQLite from collecting and sorting everything after the position.
   */
  logPage(after: number, filter: RowFilter, limit: number): EventRow[] {
    const { categories, types } = filter;
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
