import { MongoClient, type AnyBulkWriteOperation, type Db, type MongoClientOptions } from 'mongodb';
import type { Checkpoint, CheckpointWrite, Clock, Doc, EnsureCollectionOptions, Filter, FindOptions, IndexSpec, Page, ReadStore, WriteOp } from '../read-store.port';
import { LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import { assertCollectionName, assertId, assertLeaseRequest, assertSystemName, assertWriteOps, isCollectionName } from '../validation';
import { planFilter, planFind } from '../query-plan';
import { normalizeIndexes } from '../index-spec';
import { coalesceOps, type NetWrite } from '../coalesce-ops';
import { keysetAfter } from '../keyset';
import { toPage } from '../page';
import { filterToMongo, fromStored, indexToMongo, keysetToMongo, sortToMongo, toStored, type StoredDoc } from './mongo-query';
import { MongoSystemCollections } from './mongo-system';
import { mapBulkWriteError } from './mongo-errors';

export interface MongoReadStoreOptions {
  clock?: Clock;
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
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: MongoReadStoreOptions = {},
  ) {
    this.system = new MongoSystemCollections(db, options.clock ?? Date.now);
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
    try {
      await this.db.createCollection(name);
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== NAMESPACE_EXISTS) throw error;
    }
    if (normalized.length > 0 && options.deferIndexes !== true) await this.collection(name).createIndexes(normalized.map(indexToMongo));
  }

  async get<T extends Doc = Doc>(collection: string, id: string): Promise<T | null> {
    this.assertOpen();
    assertCollectionName(collection);
    assertId(id);
    const stored = await this.collection(collection).findOne({ _id: id });
    return stored === null ? null : fromStored<T>(stored);
  }

  async getMany<T extends Doc = Doc>(collection: string, ids: readonly string[]): Promise<Map<string, T>> {
    this.assertOpen();
    assertCollectionName(collection);
    ids.forEach((id) => assertId(id, 'ids'));
    const rows = await this.collection(collection).find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return new Map(rows.map((row) => [row._id, fromStored<T>(row)]));
  }

  async find<T extends Doc = Doc>(collection: string, options: FindOptions = {}): Promise<Page<T>> {
    this.assertOpen();
    assertCollectionName(collection);
    const plan = planFind(options);
    const filter = filterToMongo(plan.conditions);
    const pageFilter = plan.after === null ? filter : { $and: [filter, keysetToMongo(keysetAfter(plan.sort, plan.after))] };
    const coll = this.collection(collection);
    const [rows, total] = await Promise.all([
      coll.find(pageFilter, { sort: sortToMongo(plan.sort), limit: plan.first + 1 }).toArray(),
      options.totalCount === false ? null : coll.countDocuments(filter),
    ]);
    return toPage(rows.map((row) => fromStored<T>(row)), plan, total);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    this.assertOpen();
    assertCollectionName(collection);
    return this.collection(collection).countDocuments(filterToMongo(planFilter(filter)));
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
          try {
            await this.collection(name).bulkWrite([...writes.values()].map(toBulkOp), { ordered: false, session });
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
    await this.options.client?.close();
  }

  private collection(name: string) {
    return this.db.collection<StoredDoc>(name);
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreClosedError();
  }
}

/** After coalescing there is one op per document, so the unordered bulk cannot reorder two ops on it. */
function toBulkOp(write: NetWrite): AnyBulkWriteOperation<StoredDoc> {
  if (write.kind === 'replace') {
    const { _id, ...replacement } = toStored(write.doc);
    return { replaceOne: { filter: { _id }, replacement, upsert: true } };
  }
  if (write.kind === 'patch') return { updateOne: { filter: { _id: write.id }, update: { $set: write.set } } };
  return { deleteOne: { filter: { _id: write.id } } };
}
