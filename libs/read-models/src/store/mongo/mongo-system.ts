import type { ClientSession, Db } from 'mongodb';
import type { JsonValue } from '../json';
import type { Checkpoint, CheckpointWrite, Clock } from '../read-store.port';
import { assertLeaseRequest, assertSystemName } from '../validation';
import { decodePosition, encodePosition } from '../position';
import { MongoLeases } from './mongo-leases';

type CheckpointDoc = { _id: string; position: string | null; updatedAt: string; extra: Record<string, JsonValue> };
type AliasDoc = { _id: string; collection: string };

/**
 * Checkpoints, aliases and leases live in `_checkpoints`, `_aliases`, `_leases`: user
 * collection names start with a lowercase letter, so these can never collide.
 */
export class MongoSystemCollections {
  private readonly leases: MongoLeases;

  /** `serverClockOffsetMs`: added to the server's clock where leases are decided (0 but in tests). */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    serverClockOffsetMs: () => number,
  ) {
    this.leases = new MongoLeases(db, serverClockOffsetMs);
  }

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

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    assertLeaseRequest(name, owner, ttlMs);
    return this.leases.acquire(name, owner, ttlMs);
  }

  async leaseHolder(name: string): Promise<string | null> {
    assertSystemName(name, 'lease name');
    return this.leases.holder(name);
  }

  async leaseTimeLeft(name: string): Promise<number | null> {
    assertSystemName(name, 'lease name');
    return this.leases.timeLeft(name);
  }

  /** Inside a batch's transaction: true when `owner` holds the lease, which is written so a takeover conflicts. */
  touchHeldLease(name: string, owner: string, session: ClientSession): Promise<boolean> {
    return this.leases.touchHeld(name, owner, session);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    assertLeaseRequest(name, owner, 1);
    await this.leases.release(name, owner);
  }

  private checkpoints() {
    return this.db.collection<CheckpointDoc>('_checkpoints');
  }
}

function toCheckpoint(doc: CheckpointDoc): Checkpoint {
  return { name: doc._id, position: decodePosition(doc.position), updatedAt: doc.updatedAt, extra: doc.extra ?? {} };
}
