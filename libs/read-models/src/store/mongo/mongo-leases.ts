import type { ClientSession, Db, Document } from 'mongodb';
import { isDuplicateKey } from './mongo-errors';

type LeaseDoc = { _id: string; owner: string; expiresAt: Date; fencedBatches?: number };

/**
 * The server's time, the one clock every process sharing the database agrees on. `offsetMs` is 0 in
 * production; a test moves it to expire a lease without waiting (see `MongoLeases`).
 */
export const serverNow = (offsetMs: number): unknown => (offsetMs === 0 ? '$$NOW' : { $add: ['$$NOW', offsetMs] });

/** A lease still running at `now`; a missing or non-date expiry (an older format) counts as expired. */
const stillRunning = (now: unknown): Document => ({ $gt: ['$expiresAt', now] });

/**
 * One update pipeline decides on the server: the lease is taken (or renewed) when this owner holds it
 * or it is not running, and left as it is otherwise. `$expr` cannot go in an upsert's filter, so the
 * filter names the lease only and the condition lives in the pipeline; the caller reads the outcome
 * from the document returned. Strings go through `$literal`: an owner starting with `$` is not a path.
 */
export const acquireLeasePipeline = (owner: string, ttlMs: number, now: unknown): Document[] => {
  const take = { $or: [{ $eq: ['$owner', { $literal: owner }] }, { $not: [stillRunning(now)] }] };
  return [
    {
      $set: {
        owner: { $cond: [take, { $literal: owner }, '$owner'] },
        expiresAt: { $cond: [take, { $add: [now, ttlMs] }, '$expiresAt'] },
      },
    },
  ];
};

export const runningLeaseFilter = (name: string, now: unknown, owner?: string): Document => ({
  _id: name,
  ...(owner === undefined ? {} : { owner }),
  $expr: stillRunning(now),
});

/**
 * Leases in `_leases`, decided by the server's clock: processes whose clocks disagree still agree on
 * who holds a lease and when it runs out. `offsetMs` moves the server's clock for tests only.
 */
export class MongoLeases {
  constructor(
    private readonly db: Db,
    private readonly offsetMs: () => number,
  ) {}

  async acquire(name: string, owner: string, ttlMs: number): Promise<boolean> {
    try {
      const lease = await this.leases().findOneAndUpdate({ _id: name }, acquireLeasePipeline(owner, ttlMs, this.now()), {
        upsert: true,
        returnDocument: 'after',
        projection: { owner: 1 },
      });
      return lease?.owner === owner;
    } catch (error) {
      // Two owners inserting a free lease at once: the other one's insert won.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async holder(name: string): Promise<string | null> {
    return (await this.leases().findOne(runningLeaseFilter(name, this.now())))?.owner ?? null;
  }

  /** Inside a batch's transaction: true when `owner` holds the lease, which is written so a takeover conflicts. */
  async touchHeld(name: string, owner: string, session: ClientSession): Promise<boolean> {
    const result = await this.leases().updateOne(runningLeaseFilter(name, this.now(), owner), { $inc: { fencedBatches: 1 } }, { session });
    return result.matchedCount === 1;
  }

  /** How long the holder still holds the lease, by the server's clock; null when it is free or expired. */
  async timeLeft(name: string): Promise<number | null> {
    const now = this.now();
    const [lease] = await this.leases()
      .aggregate<{ left: number }>([{ $match: runningLeaseFilter(name, now) }, { $project: { _id: 0, left: { $subtract: ['$expiresAt', now] } } }])
      .toArray();
    return lease === undefined ? null : Number(lease.left);
  }

  async release(name: string, owner: string): Promise<void> {
    await this.leases().deleteOne({ _id: name, owner });
  }

  private now(): unknown {
    return serverNow(this.offsetMs());
  }

  private leases() {
    return this.db.collection<LeaseDoc>('_leases');
  }
}
