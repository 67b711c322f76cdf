import type { Database, Statement } from 'better-sqlite3';
import type { JsonValue } from '../json';
import type { Doc } from '../read-store.port';
import { applySet } from '../doc-path';
import { quoteIdent } from './sqlite-sql';
import type { ColumnValue } from './sqlite-columns';
import type { TableColumns } from './sqlite-table-shape';
import { SearchIndexWriter } from './sqlite-search';

/** The writes of one collection, prepared once per table. */
export interface CollectionWriter {
  upsert(doc: Doc): void;
  delete(id: string): void;
  /** Patches in JS inside the batch transaction: the same dotted-path rules as MongoDB's `$set`. */
  patch(id: string, set: Record<string, JsonValue>): void;
}

/** `columns`: what the table keeps beside the document (null for tables of the JSON-only shape). */
export const prepareWriter = (db: Database, collection: string, columns: TableColumns | null): CollectionWriter => {
  if (columns === null) return new WholeRowWriter(db, collection, NO_COLUMNS);
  return columns.rowOnly ? new WholeRowWriter(db, collection, columns) : new ColumnsWriter(db, collection, columns);
};

/** A table of `(id, doc)` only: the same empty list for every write, not one made per write. */
const NO_VALUES: ColumnValue[] = [];
const NO_COLUMNS: Pick<TableColumns, 'names' | 'values'> = { names: [], values: () => NO_VALUES };

/**
 * Writes whole rows, replacing a stored one in one statement. For a table of `(id, doc)` only (its
 * indexes are on expressions of `doc`), and for a table that keeps columns beside the document but has
 * no index on them yet, nor a search index (a rebuild's bulk load; its indexes are built from the
 * columns once the load is done): nothing but the row to keep up, so a document stored before is
 * replaced at about 3 us a row, against 6-11 for ColumnsWriter's failed insert, read and update (over a
 * million rows).
 */
class WholeRowWriter implements CollectionWriter {
  private readonly upsertRow: Statement;
  private readonly deleteRow: Statement;
  private readonly selectDoc: Statement;

  constructor(
    db: Database,
    collection: string,
    private readonly columns: Pick<TableColumns, 'names' | 'values'>,
  ) {
    const table = quoteIdent(collection);
    const names = columns.names.map(quoteIdent);
    const sets = names.map((name) => `, ${name} = excluded.${name}`).join('');
    // ON CONFLICT DO UPDATE rewrites the row in place; INSERT OR REPLACE would delete and reinsert it (and its index entries).
    this.upsertRow = db.prepare(
      `INSERT INTO ${table} (id, doc${names.map((name) => `, ${name}`).join('')}) VALUES (?, ?${names.map(() => ', ?').join('')}) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${sets}`,
    );
    this.deleteRow = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
    this.selectDoc = db.prepare(`SELECT doc FROM ${table} WHERE id = ?`).pluck();
  }

  upsert(doc: Doc): void {
    this.upsertRow.run(doc.id, JSON.stringify(doc), ...this.columns.values(doc));
  }

  delete(id: string): void {
    this.deleteRow.run(id);
  }

  patch(id: string, set: Record<string, JsonValue>): void {
    const text = this.selectDoc.get(id) as string | undefined;
    if (text === undefined) return;
    const doc = JSON.parse(text) as Doc;
    applySet(doc, set);
    this.upsert(doc);
  }
}

/**
 * A table that keeps its indexed fields (and search words) in columns. An update sets only the columns
 * whose values changed, so SQLite rewrites only the indexes on those (moving an opportunity to another
 * stage touches two of its twelve indexes instead of all of them), and the search index only when the
 * document's words changed. Rows are read with their rowid, which keys them in the search index.
 */
class ColumnsWriter implements CollectionWriter {
  private readonly table: string;
  private readonly insertRow: Statement;
  private readonly deleteRow: Statement;
  private readonly selectColumns: Statement;
  private readonly selectDocAndColumns: Statement;
  /** Sets only `doc`, and only where every column already holds the new document's value. */
  private readonly updateDocOfSameColumns: Statement;
  /** Whether the last upsert of an existing row changed no column, which makes the next such update likely. */
  private columnsKeptLast = false;
  /** UPDATE statements by the set of changed columns (a handful of shapes per collection in practice). */
  private readonly updates = new Map<string, Statement>();
  private readonly search: SearchIndexWriter | null;
  /** Where the search columns start in the column values (they end them). */
  private readonly searchFrom: number;

  constructor(
    private readonly db: Database,
    collection: string,
    private readonly columns: TableColumns,
  ) {
    this.table = quoteIdent(collection);
    const names = columns.names.map(quoteIdent);
    const placeholders = names.map(() => ', ?').join('');
    // DO NOTHING on the id only: another unique index still fails the batch with a duplicate key.
    this.insertRow = db.prepare(`INSERT INTO ${this.table} (id, doc, ${names.join(', ')}) VALUES (?, ?${placeholders}) ON CONFLICT (id) DO NOTHING`);
    const searchWeights = columns.searchIndex?.weights ?? [];
    this.searchFrom = names.length - searchWeights.length;
    this.search = columns.searchIndex === null ? null : new SearchIndexWriter(db, collection, searchWeights);
    const searchNames = names.slice(this.searchFrom);
    this.deleteRow =
      this.search === null
        ? db.prepare(`DELETE FROM ${this.table} WHERE id = ?`)
        : db.prepare(`DELETE FROM ${this.table} WHERE id = ? RETURNING rowid, ${searchNames.join(', ')}`).raw();
    this.selectColumns = db.prepare(`SELECT rowid, ${names.join(', ')} FROM ${this.table} WHERE id = ?`).raw();
    this.selectDocAndColumns = db.prepare(`SELECT rowid, ${names.join(', ')}, doc FROM ${this.table} WHERE id = ?`).raw();
    const sameColumns = names.map((name) => ` AND ${name} IS ?`).join('');
    this.updateDocOfSameColumns = db.prepare(`UPDATE ${this.table} SET doc = ? WHERE id = ?${sameColumns}`);
  }

  /**
   * A rebuild only inserts: one statement. An update costs a failed insert, a read and the update,
   * unless the last update of this table changed no column (an aggregate's count and sum moving, its
   * slot kept): the document alone is then set where the columns hold its values already, one
   * statement that touches no index and no search words, and the long way taken only when it set none.
   */
  upsert(doc: Doc): void {
    const text = JSON.stringify(doc);
    const values = this.columns.values(doc);
    if (this.columnsKeptLast && this.updateDocOfSameColumns.run(text, doc.id, ...values).changes === 1) return;
    const inserted = this.insertRow.run(doc.id, text, ...values);
    if (inserted.changes === 1) {
      this.search?.insert(inserted.lastInsertRowid, values.slice(this.searchFrom));
      return;
    }
    this.update(doc.id, text, values, this.selectColumns.get(doc.id) as ColumnValue[]);
  }

  delete(id: string): void {
    if (this.search === null) {
      this.deleteRow.run(id);
      return;
    }
    const [row] = this.deleteRow.all(id) as ColumnValue[][];
    if (row !== undefined) this.search.delete(row[0] as number, row.slice(1));
  }

  patch(id: string, set: Record<string, JsonValue>): void {
    const row = this.selectDocAndColumns.get(id) as ColumnValue[] | undefined;
    if (row === undefined) return;
    const doc = JSON.parse(row[row.length - 1] as string) as Doc;
    applySet(doc, set);
    this.update(id, JSON.stringify(doc), this.columns.values(doc), row);
  }

  /** `stored`: the row as read, rowid first. */
  private update(id: string, text: string, values: readonly ColumnValue[], stored: readonly ColumnValue[]): void {
    const changed: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] !== stored[i + 1]) changed.push(i);
    this.columnsKeptLast = changed.length === 0;
    const params: ColumnValue[] = [text];
    for (const i of changed) params.push(values[i]);
    params.push(id);
    this.updateStatement(changed).run(params);
    if (this.search !== null && changed[changed.length - 1] >= this.searchFrom) {
      const rowid = stored[0] as number;
      this.search.delete(rowid, stored.slice(this.searchFrom + 1, values.length + 1));
      this.search.insert(rowid, values.slice(this.searchFrom));
    }
  }

  private updateStatement(changed: readonly number[]): Statement {
    const key = changed.join(',');
    let statement = this.updates.get(key);
    if (statement === undefined) {
      const sets = changed.map((i) => `, ${quoteIdent(this.columns.names[i])} = ?`).join('');
      statement = this.db.prepare(`UPDATE ${this.table} SET doc = ?${sets} WHERE id = ?`);
      this.updates.set(key, statement);
    }
    return statement;
  }
}
