import type { Database, Statement } from 'better-sqlite3';
import type { RowFilter } from './stored-dictionary';

/**
 * A row as read: its shape (which says the category, the type and how the rest reads, see
 * row-shape.ts), revision, recording time, array of values, and its bytes as SQLite hands them over
 * fastest, one text of hex digits written in C: the stream's key, the event's id and the packed
 * leaves, in that order (a key kept as text gives the digits of its UTF-8 bytes, skipped by a reader
 * that has the text in the array). Six columns, one string of digits: every column and every string
 * is work for better-sqlite3 at each row, and a Buffer per blob more still.
 */
export const EVENT_COLUMNS = 'position, shape, revision, recorded_at, data, lower(hex(stream) || hex(id) || hex(bin))';
export type EventRow = [position: number, shape: number, revision: number, recordedAt: number, data: string, digits: string, category?: number, type?: number];
/** A row this process committed, kept for live subscribers: with its category and type, which their filters test. */
export type CommittedRow = [position: number, shape: number, revision: number, recordedAt: number, data: string, digits: string, category: number, type: number];

/** Digits of a uuid. */
export const UUID_DIGITS = 32;

const STREAM = 'stream = ? AND category = ?';

/**
 * A page size bound at each run, as `LIMIT +?` and never `LIMIT ?`: SQLite (3.53) reads a bare bound
 * LIMIT while it plans, and so marks the statement to be planned again whenever that parameter is
 * bound, which better-sqlite3 does at every run: each stream read was parsed and planned anew, and a
 * read of a one-event stream took 2.3-2.5 times as long. The unary plus makes the limit an expression
 * the planner leaves alone; at run time it is the same integer, and a value that is not one fails as
 * before.
 */
export const BOUND_LIMIT = 'LIMIT +?';

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
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM} AND revision >= ? ORDER BY revision ${BOUND_LIMIT}`)
      .raw();
    this.streamBackwards = db
      .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM} AND revision <= ? ORDER BY revision DESC ${BOUND_LIMIT}`)
      .raw();
  }

  /**
   * The next page of the log after a position and up to a head read before, optionally of some
   * categories and event types. Each category is read from its own index range and the ranges are
   * merged by position: one query per category keeps SQLite from collecting and sorting everything
   * after the position. Each query is its own snapshot, so without the head a later query could see
   * an event committed after an earlier query ran, and the reader would move past the earlier
   * category's event that committed in between; every event up to the head is in every snapshot.
   */
  logPage(after: number, head: number, filter: RowFilter, limit: number): EventRow[] {
    const { categories, types } = filter;
    if (categories.length === 0) return this.pageStatement(false, types.length).all(after, head, ...types, limit) as EventRow[];
    const pages = categories.map((category) => this.pageStatement(true, types.length).all(category, after, head, ...types, limit) as EventRow[]);
    if (pages.length === 1) return pages[0];
    return pages.flat().sort((a, b) => a[0] - b[0]).slice(0, limit);
  }

  private pageStatement(byCategory: boolean, typeCount: number): Statement {
    const key = `${byCategory}:${typeCount}`;
    let statement = this.logPages.get(key);
    if (!statement) {
      const where = byCategory ? ['category = ?', 'position > ?', 'position <= ?'] : ['position > ?', 'position <= ?'];
      if (typeCount > 0) where.push(`type IN (${placeholders(typeCount)})`);
      statement = this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position ${BOUND_LIMIT}`)
        .raw();
      this.logPages.set(key, statement);
    }
    return statement;
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
