import type { ClientSession, Db } from 'mongodb';
import type { JsonValue } from '../json';
import type { Checkpoint, CheckpointWrite, Clock } from '../read-store.port';
import { assertLeaseRequest, assertSystemName } from '../validation';
import { decodePosition, encodePosition } from '../position';
import { isDuplicateKey } from './mongo-errors';

type CheckpointDoc = { _id: string; position: string | null; updatedAt: string; extra: Record<string, JsonValue> };
type AliasDoc = { _id: string; collection: string };
type LeaseDoc = { _id: string; owner: string; expiresAt: number; fencedBatches?: number };

/**
 * Checkpoints, aliases and leases live in `_checkpoints`, `_aliases`, `_leases`: user
 * collection names start with a lowercase letter, so these can never collide.
 */
export class MongoSystemCollections {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Validates now, writes later: the checkpoint is written only after every op landed. */
  checkpointUpdate(checkpoint: CheckpointWrite): (session?: ClientSession) => Promise<void> {
    assertSystemName(checkpoint.name, 'checkpoint name');
    const position = encodePosition(checkpoint.position);
    const extra = checkpoint.extra ?? {};
    return async (session) => {
      const updatedAt = new Date(this.clock()).toISOString();
      await this.checkpoints().updateOne({ _id: checkpoint.name }, { $set: { position, updatedAt, extra } }, { upsert: true, session });
    };
  }

  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    assertSystemName(name, 'checkpoint name');
    const doc = await this.checkpoints().findOne({ _id: name });
    return doc === null ? null : toCheckpoint(doc);
  }

  async listCheckpoints(): Promise<Checkpoint[]> {
    return (await this.checkpoints().find({}).sort({ _id: 1 }).toArray()).map(toCheckpoint);
  }

  async deleteCheckpoint(name: string): Promise<void> {
    await this.checkpoints().deleteOne({ _id: name });
  }

  async setAlias(alias: string, collection: string): Promise<void> {
    await this.db.collection<AliasDoc>('_aliases').updateOne({ _id: alias }, { $set: { collection } }, { upsert: true });
  }

  async getAlias(alias: string): Promise<string | null> {
    return (await this.db.collection<AliasDoc>('_aliases').findOne({ _id: alias }))?.collection ?? null;
  }

  /**
   * The filter matches only a lease this owner holds or one that has expired; if it matches
   * nothing, the upsert tries to insert `_id: name` and a live lease of another owner makes
   * that a duplicate key, which means "not acquired" (also when two owners race).
   */
  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    assertLeaseRequest(name, owner, ttlMs);
    const now = this.clock();
    try {
      const result = await this.leases().updateOne(
        { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
        { $set: { owner, expiresAt: now + ttlMs } },
        { upsert: true },
      );
      return result.matchedCount === 1 || result.upsertedCount === 1;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async leaseHolder(name: string): Promise<string | null> {
    assertSystemName(name, 'lease name');
    const lease = await this.leases().findOne({ _id: name, expiresAt: { $gt: this.clock() } });
    return lease?.owner ?? null;
  }

  /** Inside a batch's transaction: true when `owner` holds the lease, which is written so a takeover conflicts. */
  async touchHeldLease(name: string, owner: string, session: ClientSession): Promise<boolean> {
    const result = await this.leases().updateOne({ _id: name, owner, expiresAt: { $gt: this.clock() } }, { $inc: { fencedBatches: 1 } }, { session });
    return result.matchedCount === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    assertLeaseRequest(name, owner, 1);
    await this.leases().deleteOne({ _id: name, owner });
  }

  private checkpoints() {
    return this.db.collection<CheckpointDoc>('_checkpoints');
  }

  private leases() {
    return this.db.collection<LeaseDoc>('_leases');
  }
}

function toCheckpoint(doc: CheckpointDoc): Checkpoint {
  return { name: doc._id, position: decodePosition(doc.position), updatedAt: doc.updatedAt, extra: doc.extra ?? {} };
}
