import type { Database } from 'better-sqlite3';
import { InvalidQueryError } from '../read-store.errors';
import type { FieldSql } from './sqlite-columns';
import { JSON_FIELDS } from './sqlite-columns';
import * as schema from './sqlite-schema';
import { prepareWriter, type CollectionWriter } from './sqlite-writer';
import { readTableShape, tableColumns, type TableShape } from './sqlite-table-shape';
import type { StatementCache } from './statement-cache';

export type SearchableShape = TableShape & { search: NonNullable<TableShape['search']> };

/**
 * What each table holds beside its documents, and its prepared writes, read once from the file (another
 * process may have made the table) and dropped with every change of the table made here.
 */
export class SqliteTables {
  private readonly writers = new Map<string, CollectionWriter>();
  private readonly shapes = new Map<string, TableShape>();

  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
  ) {}

  /**
   * Null while the table does not exist. Kept once complete: a search index still to be built (another
   * process may be loading the table) is looked for again next time.
   */
  shape(collection: string): TableShape | null {
    const known = this.shapes.get(collection);
    if (known !== undefined) return known;
    const shape = readTableShape(this.statements, collection);
    if (shape !== null && (shape.search === null || shape.search.indexed)) this.shapes.set(collection, shape);
    return shape;
  }

  /** How queries read each field of the table: from its column where it has one. */
  fields(collection: string): FieldSql {
    return this.shape(collection)?.fields ?? JSON_FIELDS;
  }

  /** A search needs declared searchable fields with their index built. */
  searchable(collection: string): SearchableShape {
    const shape = this.shape(collection);
    if (shape?.search == null) throw new InvalidQueryError(`collection ${collection} declares no searchable fields`, 'filter.$search');
    if (!shape.search.indexed) throw new InvalidQueryError(`the search index of ${collection} is not built yet`, 'filter.$search');
    return shape as SearchableShape;
  }

  /** Write statements per collection, prepared once: the hot path does one map lookup per op. Makes a missing table. */
  writer(collection: string): CollectionWriter {
    let writer = this.writers.get(collection);
    if (writer === undefined) {
      this.db.exec(schema.createCollectionSql(collection));
      writer = prepareWriter(this.db, collection, tableColumns(this.shape(collection) as TableShape));
      this.writers.set(collection, writer);
    }
    return writer;
  }

  /** After a failed batch: statements are prepared again, the schema may have changed under them. */
  forgetWriters(): void {
    this.writers.clear();
  }

  forget(collection: string): void {
    this.statements.evict(collection);
    this.writers.delete(collection);
    this.shapes.delete(collection);
  }
}
