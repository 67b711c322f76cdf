import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Checkpoint, CheckpointWrite, Clock, Doc, EnsureCollectionOptions, Filter, FindOptions, IndexSpec, Page, ReadStore, WriteOp } from '../read-store.port';
import { DuplicateKeyError, LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import { assertCollectionName, assertId, assertLeaseRequest, assertSystemName, assertWriteOps } from '../validation';
import { SqliteSystemTables, createSystemTables } from './sqlite-system';
import { encodePosition } from '../position';
import { planFilter, planFind, type QueryPlan } from '../query-plan';
import { normalizeIndexes } from '../index-spec';
import { toPage } from '../page';
import { StatementCache } from './statement-cache';
import { conditionSql, createIndexSql, keysetSql, orderBySql, quoteIdent, type SqlParam } from './sqlite-sql';
import { keysetAfter } from '../keyset';
import * as schema from './sqlite-schema';
import { prepareWriter, type CollectionWriter } from './sqlite-writer';
import { JSON_FIELDS, fieldSql, indexedFields, type FieldSql } from './sqlite-columns';

export interface SqliteReadStoreOptions {
  /** A file path (use one dedicated to read models) or ':memory:'. */
  filename: string;
  clock?: Clock;
}

/**
 * Read store on one SQLite file: a table `(id TEXT PRIMARY KEY, doc TEXT NOT NULL, ...)` per collection,
 * with a value and a type column per indexed field (sqlite-columns.ts).
 */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database;
  private readonly statements: StatementCache;
  private readonly system: SqliteSystemTables;
  private readonly writers = new Map<string, CollectionWriter>();
  private readonly shapes = new Map<string, FieldSql>();
  private readonly writeTx: (ops: readonly WriteOp[], checkpoint?: CheckpointWrite) => void;
  private readonly readTx: <T>(read: () => T) => T;
  private closed = false;

  constructor(options: SqliteReadStoreOptions) {
    this.db = new BetterSqlite3(options.filename);
    schema.applyPragmas(this.db);
    createSystemTables(this.db);
    this.statements = new StatementCache(this.db);
    this.system = new SqliteSystemTables(this.statements, options.clock ?? Date.now);
    // BEGIN IMMEDIATE: the write lock is taken (waiting up to busy_timeout) before anything is read.
    // A deferred batch that first prepares a statement reads the schema, and then asking for the lock
    // while another process writes fails at once instead of waiting.
    this.writeTx = this.db.transaction((ops: readonly WriteOp[], checkpoint?: CheckpointWrite) => this.applyBatch(ops, checkpoint)).immediate;
    const read = this.db.transaction((fn: () => unknown) => fn());
    this.readTx = <T>(fn: () => T): T => read(fn) as T;
  }

  async ensureCollection(name: string, indexes: IndexSpec[], options: EnsureCollectionOptions = {}): Promise<void> {
    this.assertOpen();
    assertCollectionName(name);
    const normalized = normalizeIndexes(indexes);
    // A new table keeps its indexed fields in columns; an existing one keeps the shape it was made with.
    this.db.exec(schema.createCollectionSql(name, indexedFields(normalized)));
    this.forgetShape(name);
    if (options.deferIndexes === true) return;
    // One statement per index: building an index over a large collection holds the write lock, and
    // another process sharing the file (a rebuild beside the server) waits at most for one of them.
    const fields = this.fieldSql(name);
    for (const index of normalized) this.db.exec(createIndexSql(fields, name, index));
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    this.assertOpen();
    assertCollectionName(collection);
    assertId(id);
    const row = this.readOrEmpty(() => this.stmt(collection, `SELECT doc FROM ${quoteIdent(collection)} WHERE id = ?`).get(id) as { doc: string } | undefined, undefined);
    return row === undefined ? null : (JSON.parse(row.doc) as T);
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    this.assertOpen();
    assertCollectionName(collection);
    ids.forEach((id) => assertId(id, 'ids'));
    const sql = `SELECT id, doc FROM ${quoteIdent(collection)} WHERE id IN (SELECT value FROM json_each(?))`;
    const rows = this.readOrEmpty(() => this.stmt(collection, sql).all(JSON.stringify([...new Set(ids)])) as Array<{ id: string; doc: string }>, []);
    return new Map(rows.map((row) => [row.id, JSON.parse(row.doc) as T]));
  }

  async find<T extends Doc = Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planFind(options);
    const { sql, params } = this.selectSql(collection, plan);
    const select = () => this.stmt(collection, sql).all(...params) as Array<{ doc: string }>;
    // Page and count in one read transaction, so they agree; a page alone needs none.
    const [rows, total] = options.totalCount === false
      ? [this.readOrEmpty(select, []), null]
      : this.readOrEmpty(() => this.readTx(() => [select(), this.countRows(collection, plan)] as const), [[], 0] as const);
    return toPage(rows.map((row) => JSON.parse(row.doc) as T), plan, total);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    const conditions = planFilter(filter);
    return this.readOrEmpty(() => this.countRows(collection, { conditions, sort: [], first: 0, after: null }), 0);
  }

  /** The query plan SQLite picks for `find` (EXPLAIN QUERY PLAN details), to check index use. */
  explainFind(collection: string, options: FindOptions = {}): string[] {
    assertCollectionName(collection);
    const { sql, params } = this.selectSql(collection, planFind(options));
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
  }

  /** SQLite only: the plan of the totalCount query of a filter. */
  explainCount(collection: string, filter: Filter = {}): string[] {
    assertCollectionName(collection);
    const { sql, params } = this.countSql(collection, planFind({ filter }));
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
  }

  async writeBatch(ops: readonly WriteOp[], checkpoint?: CheckpointWrite): Promise<void> {
    this.assertOpen();
    assertWriteOps(ops);
    if (checkpoint !== undefined) {
      assertSystemName(checkpoint.name, 'checkpoint name');
      encodePosition(checkpoint.position);
      if (checkpoint.fence !== undefined) assertLeaseRequest(checkpoint.fence.lease, checkpoint.fence.owner, 1);
    }
    try {
      this.writeTx(ops, checkpoint);
    } catch (error) {
      this.writers.clear();
      throw error;
    }
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    this.assertOpen();
    assertSystemName(name, 'checkpoint name');
    return this.system.getCheckpoint(name);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    this.assertOpen();
    return this.system.listCheckpoints();
  }

  async deleteCheckpoint(name: string): Promise<void> {
    this.assertOpen();
    assertSystemName(name, 'checkpoint name');
    this.system.deleteCheckpoint(name);
  }

  async dropCollection(name: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(name);
    this.forgetShape(name);
    this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return (this.stmt('_', schema.LIST_COLLECTIONS_SQL).all() as Array<{ name: string }>).map((row) => row.name);
  }

  async setAlias(alias: string, collection: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(alias, 'alias');
    assertCollectionName(collection);
    this.system.setAlias(alias, collection);
  }

  async getAlias(alias: string): Promise<string | null> {
    this.assertOpen();
    assertCollectionName(alias, 'alias');
    return this.system.getAlias(alias);
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    assertLeaseRequest(name, owner, ttlMs);
    return this.system.acquireLease(name, owner, ttlMs);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.assertOpen();
    assertLeaseRequest(name, owner, 1);
    this.system.releaseLease(name, owner);
  }

  async leaseHolder(name: string): Promise<string | null> {
    this.assertOpen();
    assertSystemName(name, 'lease name');
    return this.system.leaseHolder(name);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.stmt('_', 'SELECT 1').get();
  }

  async purgeFreedSpace(): Promise<boolean> {
    this.assertOpen();
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result.busy === 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private applyBatch(ops: readonly WriteOp[], checkpoint?: CheckpointWrite): void {
    const fence = checkpoint?.fence;
    // Inside the IMMEDIATE transaction: no other connection can take the lease until this commits.
    if (fence !== undefined && this.system.leaseHolder(fence.lease) !== fence.owner) throw new LeaseLostError(fence.lease, fence.owner);
    for (const op of ops) {
      const writer = this.writer(op.collection);
      try {
        if (op.kind === 'upsert') writer.upsert(op.doc);
        else if (op.kind === 'delete') writer.delete(op.id);
        else writer.patch(op.id, op.set);
      } catch (error) {
        if (schema.isUniqueViolation(error)) throw new DuplicateKeyError(op.collection, (error as Error).message);
        throw error;
      }
    }
    if (checkpoint !== undefined) this.system.writeCheckpoint(checkpoint);
  }

  /** Write statements per collection, prepared once: the hot path does one map lookup per op. */
  private writer(collection: string): CollectionWriter {
    let writer = this.writers.get(collection);
    if (writer === undefined) {
      this.db.exec(schema.createCollectionSql(collection));
      writer = prepareWriter(this.db, collection, this.columnFields(collection) ?? []);
      this.writers.set(collection, writer);
    }
    return writer;
  }

  /** How queries read each field of a table: from its column where it has one. Known once the table exists. */
  private fieldSql(collection: string): FieldSql {
    let fields = this.shapes.get(collection);
    if (fields === undefined) {
      const columns = this.columnFields(collection);
      if (columns === null) return JSON_FIELDS;
      fields = fieldSql(new Set(columns));
      this.shapes.set(collection, fields);
    }
    return fields;
  }

  private columnFields(collection: string): string[] | null {
    return schema.columnFields(this.stmt('_', schema.TABLE_COLUMNS_SQL).pluck().all(collection) as string[]);
  }

  private forgetShape(collection: string): void {
    this.statements.evict(collection);
    this.writers.delete(collection);
    this.shapes.delete(collection);
  }

  private selectSql(collection: string, plan: QueryPlan): { sql: string; params: SqlParam[] } {
    const params: SqlParam[] = [];
    const fields = this.fieldSql(collection);
    const where = plan.conditions.map((c) => conditionSql(fields, c, params));
    if (plan.after !== null) where.push(keysetSql(fields, keysetAfter(plan.sort, plan.after), params));
    params.push(plan.first + 1);
    const whereSql = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
    return { sql: `SELECT doc FROM ${quoteIdent(collection)}${whereSql} ORDER BY ${orderBySql(fields, plan.sort)} LIMIT ?`, params };
  }

  private countRows(collection: string, plan: QueryPlan): number {
    const { sql, params } = this.countSql(collection, plan);
    return (this.stmt(collection, sql).get(...params) as { n: number }).n;
  }

  private countSql(collection: string, plan: QueryPlan): { sql: string; params: SqlParam[] } {
    const params: SqlParam[] = [];
    const fields = this.fieldSql(collection);
    const where = plan.conditions.map((c) => conditionSql(fields, c, params));
    return { sql: `SELECT COUNT(*) AS n FROM ${quoteIdent(collection)}${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`}`, params };
  }

  private stmt(scope: string, sql: string) {
    return this.statements.get(scope, sql);
  }

  /** A collection nobody has written to yet reads as empty, as on MongoDB. */
  private readOrEmpty<T>(read: () => T, empty: T): T {
    try {
      return read();
    } catch (error) {
      if (schema.isMissingTable(error)) return empty;
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreClosedError();
  }
}
