import type { Database, Statement } from 'better-sqlite3';
import type { RowFilter } from './stored-dictionary';
import { uuidAt } from './hex-text';

/**
 * A stored key as SQLite hands it over fastest: a 16-byte uuid as its 32 hex digits (upper case), a key
 * kept as text behind a `~` (which no stream id or uuid starts with); see keyFromRow. SQLite writes
 * this text in C, where a Buffer per blob would cost the reader an allocation and the collector work.
 */
const keyText = (column: string): string => `iif(typeof(${column}) = 'blob', hex(${column}), '~' || ${column})`;

/** Columns in the order rows are read in raw (array) mode; see toRecordedEvent. */
export const EVENT_COLUMNS = `position, category, ${keyText('stream')}, revision, ${keyText('id')}, type, shape, data, hex(bin), recorded_at`;
/** A row as read: the stream's and the event's ids as keyText gives them, the packed leaves' bytes as hex. */
export type EventRow = [number, number, string, number, string, number, number, string, string, number];

/** The text of a key read through keyText. */
export const keyFromRow = (text: string): string => (hexStream(text) ? uuidAt(text, 0) : text.slice(1));

/** Whether a key read through keyText is a uuid's hex digits (else its text follows a `~`). */
export const hexStream = (text: string): boolean => text.charCodeAt(0) !== 0x7e;

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
