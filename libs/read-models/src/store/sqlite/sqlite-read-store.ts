import BetterSqlite3, { type Database } from 'better-sqlite3';
import { signalFileFor, type SignalFile } from '@crm/event-store';
import type { Checkpoint, CheckpointWrite, Clock, Doc, EnsureCollectionOptions, Filter, FindOptions, GroupedFindOptions, IndexSpec, Page, ReadStore, WriteOp } from '../read-store.port';
import { DuplicateKeyError, LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import { assertCollectionName, assertId, assertLeaseRequest, assertSystemName, assertWriteOps } from '../validation';
import { SqliteSystemTables, createSystemTables } from './sqlite-system';
import { encodePosition } from '../position';
import { planFilter, planFind, planGroups, type FilterPlan, type QueryPlan } from '../query-plan';
import { normalizeIndexes } from '../index-spec';
import { groupedPages, toPage } from '../page';
import { normalizeSearchFields } from '../search/search-fields';
import { StatementCache } from './statement-cache';
import { createIndexSql, quoteIdent } from './sqlite-sql';
import { groupCountsSql, groupPagesSql, groupsBeyondSql } from './sqlite-groups';
import * as schema from './sqlite-schema';
import { indexedFields } from './sqlite-columns';
import { beyondSql, countSql, docsByRowidSql, pageSql, searchPageSql, type Query, type QueryShape } from './sqlite-queries';
import { createSearchIndex, dropSearchIndexSql } from './sqlite-search';
import { declareSearch, forgetSearchSql, type TableShape } from './sqlite-table-shape';
import { SqliteTables } from './sqlite-tables';

export interface SqliteReadStoreOptions {
  /** A file path (use one dedicated to read models) or ':memory:'. */
  filename: string;
  clock?: Clock;
  /**
   * Bump `<filename>.signal` at every stored batch and watch it, so `watchCheckpoints` hears of batches
   * other processes store (the scaled shape). Off by default: it then hears of this process's only.
   */
  crossProcessSignals?: boolean;
  /**
   * How long a write waits for another connection's write lock before failing (default 5 s). A
   * rebuild thread waits longer: the other threads' index builds hold the lock for seconds on a long log.
   */
  busyTimeoutMs?: number;
}

/**
 * Read store on one SQLite file: a table `(id TEXT PRIMARY KEY, doc TEXT NOT NULL, ...)` per collection,
 * with a value and a type column per indexed field (sqlite-columns.ts).
 */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database;
  private readonly statements: StatementCache;
  private readonly system: SqliteSystemTables;
  private readonly tables: SqliteTables;
  private readonly writeTx: (ops: readonly WriteOp[], checkpoint?: CheckpointWrite) => void;
  private readonly readTx: <T>(read: () => T) => T;
  private readonly checkpointListeners = new Set<() => void>();
  private readonly signalFile: SignalFile | null;
  private closed = false;

  constructor(options: SqliteReadStoreOptions) {
    this.db = new BetterSqlite3(options.filename);
    schema.applyPragmas(this.db);
    if (options.busyTimeoutMs !== undefined) this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    createSystemTables(this.db);
    this.statements = new StatementCache(this.db);
    this.system = new SqliteSystemTables(this.statements, options.clock ?? Date.now);
    this.tables = new SqliteTables(this.db, this.statements);
    // BEGIN IMMEDIATE: the write lock is taken (waiting up to busy_timeout) before anything is read.
    // A deferred batch that first prepares a statement reads the schema, and then asking for the lock
    // while another process writes fails at once instead of waiting.
    this.writeTx = this.db.transaction((ops: readonly WriteOp[], checkpoint?: CheckpointWrite) => this.applyBatch(ops, checkpoint)).immediate;
    const read = this.db.transaction((fn: () => unknown) => fn());
    this.readTx = <T>(fn: () => T): T => read(fn) as T;
    this.signalFile = signalFileFor(options.filename, options.crossProcessSignals);
  }

  /** A no-op once closed: a rebuild stopped by the store's closing puts the cache back in its `finally`. */
  limitCacheBytes(bytes: number | undefined): void {
    if (this.closed) return;
    const kib = bytes === undefined ? schema.PAGE_CACHE_KIB : Math.max(1, Math.floor(bytes / 1024));
    this.db.pragma(`cache_size = -${kib}`);
  }

  async ensureCollection(name: string, indexes: IndexSpec[], options: EnsureCollectionOptions = {}): Promise<void> {
    this.assertOpen();
    assertCollectionName(name);
    const normalized = normalizeIndexes(indexes);
    const search = options.search === undefined ? null : normalizeSearchFields(options.search);
    // A new table keeps its indexed fields and search words in columns; an existing one keeps the shape it was made with.
    this.db.transaction(() => {
      this.db.exec(schema.createCollectionSql(name, indexedFields(normalized), search?.weights));
      declareSearch(this.statements, name, search);
    }).immediate();
    this.tables.forget(name);
    if (options.deferIndexes === true) return;
    // One statement per index: building an index over a large collection holds the write lock, and
    // another process sharing the file (a rebuild beside the server) waits at most for one of them.
    const shape = this.tables.shape(name) as TableShape;
    try {
      for (const index of normalized) this.db.exec(createIndexSql(shape.fields, name, index));
      if (shape.search !== null && !shape.search.indexed) createSearchIndex(this.db, name, shape.search.spec.weights);
    } finally {
      // The shape read before the indexes says the table has none, even when only some were built.
      this.tables.forget(name);
    }
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
    // Counting reads every matching index entry: left out when the caller does not want it.
    const counted = options.totalCount !== false;
    if (plan.search !== null) return this.tables.shape(collection) === null ? toPage<T>([], plan, counted ? 0 : null, false) : this.findSearched<T>(collection, plan, counted);
    const { sql, params } = pageSql(collection, this.tables.fields(collection), plan);
    // Page, count and the other flag in one read transaction, so they agree.
    const [rows, total, beyond] = this.readOrEmpty(
      () => this.readTx(() => [this.stmt(collection, sql).all(...params) as Array<{ doc: string }>, counted ? this.countRows(collection, plan) : null, this.anyBeyond(collection, plan)] as const),
      [[], counted ? 0 : null, false] as const,
    );
    return toPage(rows.map((row) => JSON.parse(row.doc) as T), plan, total, beyond);
  }

  async findGroups<T extends Doc = Doc>(collection: string, options: GroupedFindOptions): Promise<Map<string, Page<T>>> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planGroups(options);
    const fields = this.tables.fields(collection);
    const read = (): [Array<{ grp: string; doc: string }>, Array<{ grp: string; n: number }>, Set<string>] => {
      const pages = groupPagesSql(fields, collection, plan);
      const counts = groupCountsSql(fields, collection, plan);
      const rows = this.stmt(collection, pages.sql).all(...pages.params) as Array<{ grp: string; doc: string }>;
      const totals = this.stmt(collection, counts.sql).all(...counts.params) as Array<{ grp: string; n: number }>;
      if (plan.beyond === null) return [rows, totals, new Set()];
      const beyond = groupsBeyondSql(fields, collection, plan, plan.beyond);
      return [rows, totals, new Set(this.stmt(collection, beyond.sql).pluck().all(...beyond.params) as string[])];
    };
    const [rows, totals, beyond] = plan.groups.length === 0 ? [[], [], new Set<string>()] : this.readOrEmpty(() => this.readTx(read), [[], [], new Set<string>()]);
    return groupedPages(plan, rows.map((row) => ({ group: row.grp, doc: JSON.parse(row.doc) as T })), new Map(totals.map((t) => [t.grp, t.n])), beyond);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planFilter(filter);
    if (plan.search !== null) {
      // A collection nobody has made reads as empty, searched or not (a read model before its first build).
      if (this.tables.shape(collection) === null) return 0;
      this.tables.searchable(collection);
    }
    return this.readOrEmpty(() => this.countRows(collection, plan), 0);
  }

  /** The query plan SQLite picks for `find` (EXPLAIN QUERY PLAN details), to check index use. */
  explainFind(collection: string, options: FindOptions = {}): string[] {
    assertCollectionName(collection);
    const plan = planFind(options);
    return this.explain(plan.search === null ? pageSql(collection, this.tables.fields(collection), plan) : this.searchQuery(collection, plan));
  }

  /** SQLite only: the plan of the totalCount query of a filter. */
  explainCount(collection: string, filter: Filter = {}): string[] {
    assertCollectionName(collection);
    return this.explain(countSql(collection, this.tables.fields(collection), planFilter(filter)));
  }

  /** SQLite only: the plan of `findGroups`' page query, each step indented by its depth (a subquery's steps by two spaces). */
  explainFindGroups(collection: string, options: GroupedFindOptions): string[] {
    assertCollectionName(collection);
    const { sql, params } = groupPagesSql(this.tables.fields(collection), collection, planGroups(options));
    const steps = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ id: number; parent: number; detail: string }>;
    const depth = new Map<number, number>([[0, -1]]);
    return steps.map((step) => {
      depth.set(step.id, (depth.get(step.parent) ?? -1) + 1);
      return `${'  '.repeat(depth.get(step.id) as number)}${step.detail}`;
    });
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
      this.tables.forgetWriters();
      throw error;
    }
    if (checkpoint !== undefined) this.checkpointStored();
  }

  watchCheckpoints(listener: () => void): () => void {
    this.assertOpen();
    // This process's own batches are told at once in memory; other processes' through the signal file
    // (which echoes this process's too: a listener only asks the store again). A file that cannot be
    // watched leaves the listener to this process's news and the caller's poll.
    const stopWatching = this.signalFile?.watch(listener);
    this.checkpointListeners.add(listener);
    return () => {
      this.checkpointListeners.delete(listener);
      stopWatching?.();
    };
  }

  watchingCheckpoints(): boolean {
    return this.signalFile?.watching() ?? false;
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
    this.tables.forget(name);
    this.db.transaction(() => {
      this.db.exec(dropSearchIndexSql(name));
      this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
      this.stmt('_', forgetSearchSql).run(name);
    }).immediate();
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return (this.stmt('_', schema.LIST_COLLECTIONS_SQL).all() as Array<{ name: string }>).map((row) => row.name);
  }

  async setAlias(alias: string, collection: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(alias, 'alias');
    assertCollectionName(collection);
    // No signal (not a batch with a checkpoint): a switch ends with the pointer's checkpoint batch,
    // which `watchCheckpoints` tells of, and readers trust a resolved alias for its ttl in any case.
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

  async leaseTimeLeft(name: string): Promise<number | null> {
    this.assertOpen();
    assertSystemName(name, 'lease name');
    return this.system.leaseTimeLeft(name);
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
    this.checkpointListeners.clear();
    this.signalFile?.close();
    this.db.close();
  }

  /** After a batch with a checkpoint committed: other processes through the signal file, this one directly. */
  private checkpointStored(): void {
    this.signalFile?.bump();
    for (const listener of [...this.checkpointListeners]) listener();
  }

  private applyBatch(ops: readonly WriteOp[], checkpoint?: CheckpointWrite): void {
    const fence = checkpoint?.fence;
    // Inside the IMMEDIATE transaction: no other connection can take the lease until this commits.
    if (fence !== undefined && this.system.leaseHolder(fence.lease) !== fence.owner) throw new LeaseLostError(fence.lease, fence.owner);
    for (const op of ops) {
      const writer = this.tables.writer(op.collection);
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

  private searchShape(collection: string): QueryShape {
    const shape = this.tables.searchable(collection);
    return { fields: shape.fields, searchWeights: shape.search.spec.weights };
  }

  private searchQuery(collection: string, plan: QueryPlan): Query {
    return searchPageSql(collection, this.searchShape(collection), plan);
  }

  /**
   * Two reads in one transaction: the page's rows in order with their scores, then their documents by
   * rowid; and the total and the probe beyond the starting cursor, as any page.
   */
  private findSearched<T extends Doc>(collection: string, plan: QueryPlan, counted: boolean): Page<T> {
    const shape = this.searchShape(collection);
    const { sql, params } = searchPageSql(collection, shape, plan);
    const { rows, docs, total, beyond } = this.readTx(() => {
      const rows = this.stmt(collection, sql).all(...params) as Array<{ r: number; $relevance: number }>;
      const docs = this.stmt(collection, docsByRowidSql(collection)).all(JSON.stringify(rows.map((row) => row.r))) as Array<{ r: number; doc: string }>;
      return { rows, docs: new Map(docs.map((row) => [row.r, row.doc])), total: counted ? this.countRows(collection, plan) : null, beyond: this.anyBeyond(collection, plan, shape) };
    });
    const items = rows.map((row) => JSON.parse(docs.get(row.r) as string) as T);
    return toPage(items, plan, total, beyond, rows.map((row) => row.$relevance));
  }

  /** Whether an item lies at or beyond the cursor the page started from: one indexed row at most. */
  private anyBeyond(collection: string, plan: QueryPlan, shape: QueryShape = { fields: this.tables.fields(collection), searchWeights: [] }): boolean {
    if (plan.beyond === null) return false;
    const { sql, params } = beyondSql(collection, shape, plan, plan.beyond);
    return this.stmt(collection, sql).get(...params) !== undefined;
  }

  private countRows(collection: string, plan: FilterPlan): number {
    const { sql, params } = countSql(collection, this.tables.fields(collection), plan);
    return (this.stmt(collection, sql).get(...params) as { n: number }).n;
  }

  private explain({ sql, params }: Query): string[] {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
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
