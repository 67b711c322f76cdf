import { Binary, MongoClient, type Collection, type Db } from 'mongodb';
import { completedRequest } from '../erasure-completion';
import type {
  DestroyedKeys, ErasureCompletion, ErasureRecord, ErasureRequest, KeyStore, Suppression, SuppressionKind, WrappedDataKey,
} from '../key-store.port';
import { assertSubjectId, assertWrapped } from '../validation';

type KeyDoc = { _id: string; wrapped: Binary };
type ErasureDoc = { _id: string; request: ErasureRequest; completedAt: string | null; destroyedSeq: number | null };
type SuppressionDoc = { _id: string; hash: string; subjectId: string; kind: SuppressionKind };
type CounterDoc = { _id: string; seq: number };

const DUPLICATE_KEY = 11000;

/**
 * The scaled shape's key store: three collections in their own database (keep it out of the read
 * models' backups, or expire those backups: see the README). A deleted document's bytes may outlive
 * the delete in WiredTiger's free blocks until they are reused; what that means for erasure is in
 * the README. Completing an erasure is one multi-document transaction (a replica set is required,
 * as for the read store).
 */
export class MongoKeyStore implements KeyStore {
  private readonly keys: Collection<KeyDoc>;
  private readonly erasures: Collection<ErasureDoc>;
  private readonly suppressions: Collection<SuppressionDoc>;
  private readonly counters: Collection<CounterDoc>;

  constructor(
    private readonly db: Db,
    private readonly client?: MongoClient,
  ) {
    this.keys = db.collection('data_keys');
    this.erasures = db.collection('erasures');
    this.suppressions = db.collection('suppressions');
    this.counters = db.collection('counters');
  }

  static async connect(url: string, dbName: string): Promise<MongoKeyStore> {
    const client = await new MongoClient(url).connect();
    const store = new MongoKeyStore(client.db(dbName), client);
    await store.db.collection('suppressions').createIndex({ hash: 1 });
    await store.db.collection('erasures').createIndex({ completedAt: 1 });
    await store.db.collection('erasures').createIndex({ destroyedSeq: 1 }, { sparse: true });
    return store;
  }

  async createKeys(requested: readonly WrappedDataKey[]): Promise<void> {
    let keys = requested;
    for (const key of keys) {
      assertSubjectId(key.subjectId);
      assertWrapped(key.wrapped);
    }
    // A destroyed key is never made again: subjects whose erasure was requested get none.
    const erased = new Set((await this.erasures.find({ _id: { $in: keys.map((key) => key.subjectId) } }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id));
    keys = keys.filter((key) => !erased.has(key.subjectId));
    if (keys.length === 0) return;
    try {
      await this.keys.insertMany(keys.map((key) => ({ _id: key.subjectId, wrapped: new Binary(key.wrapped) })), { ordered: false, writeConcern: { w: 'majority', j: true } });
    } catch (error) {
      // A subject that has a key keeps it: duplicates are the only failure that is not one.
      const writeErrors = (error as { writeErrors?: { code: number }[] | { code: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : null;
      if (list === null || list.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  async findKeys(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const unique = [...new Set(subjectIds)];
    for (let i = 0; i < unique.length; i += 1000) {
      for (const doc of await this.keys.find({ _id: { $in: unique.slice(i, i + 1000) } }).toArray()) {
        found.set(doc._id, Buffer.from(doc.wrapped.buffer));
      }
    }
    return found;
  }

  async beginErasure(request: ErasureRequest): Promise<ErasureRecord> {
    assertSubjectId(request.subjectId);
    await this.erasures.updateOne(
      { _id: request.subjectId },
      { $setOnInsert: { request, completedAt: null, destroyedSeq: null } },
      { upsert: true, writeConcern: { w: 'majority', j: true } },
    );
    return (await this.findErasure(request.subjectId))!;
  }

  async findErasure(subjectId: string): Promise<ErasureRecord | null> {
    const doc = await this.erasures.findOne({ _id: subjectId });
    return doc ? { ...doc.request, completedAt: doc.completedAt } : null;
  }

  async pendingErasures(): Promise<ErasureRecord[]> {
    const docs = await this.erasures.find({ completedAt: null }).toArray();
    return docs.map((doc) => ({ ...doc.request, completedAt: null }));
  }

  async completeErasure(subjectId: string, completion: ErasureCompletion): Promise<void> {
    const session = this.db.client.startSession();
    try {
      await session.withTransaction(async () => {
        const doc = await this.erasures.findOne({ _id: subjectId }, { session });
        if (!doc) throw new Error(`No erasure was begun for subject ${subjectId}`);
        if (doc.completedAt !== null) return;
        const counter = await this.counters.findOneAndUpdate({ _id: 'destroyed' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after', session });
        const request = completedRequest(doc.request, completion);
        await this.keys.deleteOne({ _id: subjectId }, { session });
        for (const { hash, kind } of request.suppressions) {
          await this.suppressions.updateOne({ _id: `${hash}:${subjectId}` }, { $setOnInsert: { hash, subjectId, kind } }, { upsert: true, session });
        }
        await this.erasures.updateOne({ _id: subjectId }, { $set: { request, completedAt: completion.completedAt, destroyedSeq: counter!.seq } }, { session });
      }, { writeConcern: { w: 'majority', j: true } });
    } finally {
      await session.endSession();
    }
  }

  async destroyedSince(cursor: string | null): Promise<DestroyedKeys> {
    const after = cursor === null ? 0 : Number(cursor);
    const docs = await this.erasures.find({ destroyedSeq: { $gt: after } }).sort({ destroyedSeq: 1 }).toArray();
    const last = docs.length > 0 ? docs[docs.length - 1].destroyedSeq! : after;
    return { subjectIds: docs.map((doc) => doc._id), cursor: String(last) };
  }

  async findSuppressions(hashes: readonly string[]): Promise<Suppression[]> {
    if (hashes.length === 0) return [];
    const docs = await this.suppressions.find({ hash: { $in: [...hashes] } }).toArray();
    return docs.map(({ hash, subjectId, kind }) => ({ hash, subjectId, kind }));
  }

  async liftSuppressions(hash: string): Promise<Suppression[]> {
    const lifted = await this.findSuppressions([hash]);
    await this.suppressions.deleteMany({ hash }, { writeConcern: { w: 'majority', j: true } });
    return lifted;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
