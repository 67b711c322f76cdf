import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { RELEVANCE, type Checkpoint, type CheckpointWrite, type Clock, type Doc, type EnsureCollectionOptions, type Filter, type FindOptions, type GroupedFindOptions, type IndexSpec, type Page, type ReadStore, type WriteOp } from '../read-store.port';
import { InvalidQueryError, LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import { assertCollectionName, assertId, assertLeaseRequest, assertSystemName, assertWriteOps, isCollectionName } from '../validation';
import { planFilter, planFind, planGroups } from '../query-plan';
import { normalizeIndexes } from '../index-spec';
import { coalesceOps } from '../coalesce-ops';
import { groupedPages, toPage } from '../page';
import { normalizeSearchFields } from '../search/search-fields';
import { groupCountsPipeline, groupPagesPipeline, groupsBeyondPipeline } from './mongo-groups';
import { filterToMongo, fromStored, indexToMongo, keysetToMongo, relevanceBeyond, relevancePage, sortToMongo, STORED_ONLY, type StoredDoc } from './mongo-query';
import { MongoSystemCollections } from './mongo-system';
import { mapBulkWriteError } from './mongo-errors';
import { MongoSearchDeclarations, RELEVANCE_FIELD, SEARCH_INDEX } from './mongo-search';
import { bulkOps } from './mongo-writes';
import { MongoCheckpointWatch } from './mongo-checkpoint-watch';

export interface MongoReadStoreOptions {
  /** Dates checkpoints. Leases are decided by the server's clock, never this one. */
  clock?: Clock;
  /**
   * Tests only: added to the server's clock where leases are decided, so a contract test can expire
   * a lease at once (the read-store contract passes its moved clock's distance from the real one).
   */
  leaseClockOffsetMs?: () => number;
  /** Closed by `close()` when given (the store owns it). */
  client?: MongoClient;
}

export interface MongoConnectOptions {
  dbName?: string;
  clock?: Clock;
  clientOptions?: MongoClientOptions;
}

const NAMESPACE_EXISTS = 48;

/** Read store on one MongoDB database: a collection per read model, `_id` = `id`. */
export class MongoReadStore implements ReadStore {
  private readonly system: MongoSystemCollections;
  private readonly searches: MongoSearchDeclarations;
  private readonly checkpointWatch: MongoCheckpointWatch;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: MongoReadStoreOptions = {},
  ) {
    this.system = new MongoSystemCollections(db, options.clock ?? Date.now, options.leaseClockOffsetMs ?? (() => 0));
    this.searches = new MongoSearchDeclarations(db);
    this.checkpointWatch = new MongoCheckpointWatch(db);
  }

  /** Connects a client the store owns; `dbName` defaults to the database in the URL. */
  static async connect(url: string, options: MongoConnectOptions = {}): Promise<MongoReadStore> {
    const client = await new MongoClient(url, options.clientOptions).connect();
    return new MongoReadStore(client.db(options.dbName), { client, clock: options.clock });
  }

  async ensureCollection(name: string, indexes: IndexSpec[], options: EnsureCollectionOptions = {}): Promise<void> {
    this.assertOpen();
    assertCollectionName(name);
    const normalized = normalizeIndexes(indexes);
    const search = options.search === undefined ? null : normalizeSearchFields(options.search);
    if (search !== null) await this.searches.declare(name, search);
    try {
      await this.db.createCollection(name);
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== NAMESPACE_EXISTS) throw error;
    }
    const specs = [...normalized.map(indexToMongo), ...((await this.searches.of(name)) === null ? [] : [SEARCH_INDEX])];
    if (specs.length > 0 && options.deferIndexes !== true) await this.collection(name).createIndexes(specs);
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    this.assertOpen();
    assertCollectionName(collection);
    assertId(id);
    const stored = await this.collection(collection).findOne({ _id: id }, { projection: STORED_ONLY });
    return stored === null ? null : fromStored<T>(stored);
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    this.assertOpen();
    assertCollectionName(collection);
    ids.forEach((id) => assertId(id, 'ids'));
    const rows = await this.collection(collection).find({ _id: { $in: [...new Set(ids)] } }, { projection: STORED_ONLY }).toArray();
    return new Map(rows.map((row) => [row._id, fromStored<T>(row)]));
  }

  async find<T extends Doc = Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planFind(options);
    if (plan.search !== null && !(await this.searchable(collection))) return toPage<T>([], plan, options.totalCount === false ? null : 0, false);
    const filter = filterToMongo(plan);
    const coll = this.collection(collection);
    if (plan.sort.some((key) => key.field === RELEVANCE)) {
      const [rows, total, beyond] = await Promise.all([
        coll.aggregate(relevancePage(plan, filter)).toArray(),
        options.totalCount === false ? null : coll.countDocuments(filter),
        plan.beyond === null ? false : coll.aggregate(relevanceBeyond(plan, filter, plan.beyond)).toArray().then((found) => found.length > 0),
      ]);
      return toPage(rows.map((row) => fromStored<T>(row)), plan, total, beyond, rows.map((row) => row[RELEVANCE_FIELD] as number));
    }
    const pageFilter = plan.bounds.length === 0 ? filter : { $and: [filter, ...plan.bounds.map(keysetToMongo)] };
    const [rows, total, beyond] = await Promise.all([
      coll.find(pageFilter, { sort: sortToMongo(plan.order), limit: plan.size + 1, projection: STORED_ONLY }).toArray(),
      options.totalCount === false ? null : coll.countDocuments(filter),
      plan.beyond === null ? false : coll.findOne({ $and: [filter, keysetToMongo(plan.beyond)] }, { projection: { _id: 1 } }).then((doc) => doc !== null),
    ]);
    return toPage(rows.map((row) => fromStored<T>(row)), plan, total, beyond);
  }

  async findGroups<T extends Doc = Doc>(collection: string, options: GroupedFindOptions): Promise<Map<string, Page<T>>> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planGroups(options);
    if (plan.groups.length === 0) return new Map();
    const [pages, totals, beyond] = await Promise.all([
      this.db.aggregate<{ grp: string; page: StoredDoc[] }>(groupPagesPipeline(collection, plan)).toArray(),
      this.collection(collection).aggregate<{ _id: string; n: number }>(groupCountsPipeline(plan)).toArray(),
      plan.beyond === null ? [] : this.db.aggregate<{ grp: string }>(groupsBeyondPipeline(collection, plan, plan.beyond)).toArray(),
    ]);
    const rows = pages.flatMap(({ grp, page }) => page.map((stored) => ({ group: grp, doc: fromStored<T>(stored) })));
    return groupedPages(plan, rows, new Map(totals.map((t) => [t._id, t.n])), new Set(beyond.map((b) => b.grp)));
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planFilter(filter);
    if (plan.search !== null && !(await this.searchable(collection))) return 0;
    return this.collection(collection).countDocuments(filterToMongo(plan));
  }

  /**
   * One multi-document transaction (MongoDB runs it on a replica set, as docker-compose.yml starts it):
   * the documents and the checkpoint are stored together or not at all, as on SQLite. Collections are
   * written one after the other: a session runs one operation at a time.
   */
  async writeBatch(ops: readonly WriteOp[], checkpoint?: CheckpointWrite): Promise<void> {
    this.assertOpen();
    assertWriteOps(ops);
    const checkpointUpdate = checkpoint === undefined ? undefined : this.system.checkpointUpdate(checkpoint);
    const fence = checkpoint?.fence;
    if (fence !== undefined) assertLeaseRequest(fence.lease, fence.owner, 1);
    const byCollection = [...coalesceOps(ops)];
    if (byCollection.length === 0 && checkpointUpdate === undefined) return;
    await this.db.client.withSession((session) =>
      session.withTransaction(async () => {
        // Writing the lease document makes a concurrent takeover conflict with this transaction.
        if (fence !== undefined && !(await this.system.touchHeldLease(fence.lease, fence.owner, session))) {
          throw new LeaseLostError(fence.lease, fence.owner);
        }
        for (const [name, writes] of byCollection) {
          const bulk = await bulkOps(this.collection(name), [...writes.values()], await this.searches.of(name, session), session);
          if (bulk.length === 0) continue;
          try {
            await this.collection(name).bulkWrite(bulk, { ordered: false, session });
          } catch (error) {
            throw mapBulkWriteError(error, name);
          }
        }
        if (checkpointUpdate !== undefined) await checkpointUpdate(session);
      }),
    );
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    this.assertOpen();
    return this.system.getCheckpoint(name);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    this.assertOpen();
    return this.system.listCheckpoints();
  }

  async deleteCheckpoint(name: string): Promise<void> {
    this.assertOpen();
    assertSystemName(name, 'checkpoint name');
    await this.system.deleteCheckpoint(name);
  }

  async dropCollection(name: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(name);
    await this.db.dropCollection(name);
    await this.searches.forget(name);
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return infos.map((info) => info.name).filter(isCollectionName).sort();
  }

  async setAlias(alias: string, collection: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(alias, 'alias');
    assertCollectionName(collection);
    await this.system.setAlias(alias, collection);
  }

  async getAlias(alias: string): Promise<string | null> {
    this.assertOpen();
    assertCollectionName(alias, 'alias');
    return this.system.getAlias(alias);
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    this.assertOpen();
    return this.system.acquireLease(name, owner, ttlMs);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.assertOpen();
    await this.system.releaseLease(name, owner);
  }

  async leaseHolder(name: string): Promise<string | null> {
    this.assertOpen();
    return this.system.leaseHolder(name);
  }

  async leaseTimeLeft(name: string): Promise<number | null> {
    this.assertOpen();
    return this.system.leaseTimeLeft(name);
  }

  watchCheckpoints(listener: () => void): () => void {
    this.assertOpen();
    return this.checkpointWatch.watch(listener);
  }

  watchingCheckpoints(): boolean {
    return this.checkpointWatch.live;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.db.command({ ping: 1 });
  }

  /** WiredTiger reuses freed blocks in time but cannot be told to wipe them; nothing to do here. */
  async purgeFreedSpace(): Promise<boolean> {
    this.assertOpen();
    return false;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.checkpointWatch.close();
    await this.options.client?.close();
  }

  private collection(name: string) {
    return this.db.collection<StoredDoc>(name);
  }

  /** False for a collection nobody has made yet, which reads as empty, searched or not (a read model before its first build). */
  private async searchable(collection: string): Promise<boolean> {
    if ((await this.searches.of(collection)) !== null) return true;
    if (!(await this.db.listCollections({ name: collection }, { nameOnly: true }).hasNext())) return false;
    throw new InvalidQueryError(`collection ${collection} declares no searchable fields`, 'filter.$search');
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreClosedError();
  }
}
