import type { Db } from 'mongodb';
import { acquireLeasePipeline, runningLeaseFilter, serverNow } from './mongo-leases';
import { MongoReadStore } from './mongo-read-store';

/** A database that records what it is asked and finds nothing: enough to see which clock decides. */
const recordingDb = () => {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const collection = new Proxy({}, {
    get: (_, method: string) => (...args: unknown[]) => {
      calls.push({ method, args });
      if (method === 'aggregate') return { toArray: async () => [] };
      return method === 'updateOne' ? { matchedCount: 0 } : null;
    },
  });
  return { db: { collection: () => collection } as unknown as Db, calls };
};

const json = (value: unknown): string => JSON.stringify(value);

describe('MongoDB leases on the server clock', () => {
  it('decides taking, renewing and expiring a lease with $$NOW, never with a time sent by the process', () => {
    const pipeline = acquireLeasePipeline('p1', 500, serverNow(0));
    expect(json(pipeline)).toContain('"$$NOW"');
    expect(json(pipeline)).toContain('{"$add":["$$NOW",500]}');
    expect(json(runningLeaseFilter('lease', serverNow(0), 'p1'))).toBe('{"_id":"lease","owner":"p1","$expr":{"$gt":["$expiresAt","$$NOW"]}}');
  });

  it('takes an owner that looks like a field path as a plain string', () => {
    const sent = json(acquireLeasePipeline('$evil', 500, serverNow(0)));
    const count = (part: string): number => sent.split(part).length - 1;
    expect(count('"$evil"')).toBe(3);
    expect(count('{"$literal":"$evil"}')).toBe(3);
  });

  it('sends no offset in production, even with a clock given for checkpoints, and a test\'s own offset in tests', async () => {
    const real = recordingDb();
    await new MongoReadStore(real.db).acquireLease('lease', 'p1', 500);
    await new MongoReadStore(real.db, { clock: () => Date.now() + 60_000 }).leaseHolder('lease');
    expect(json(real.calls.map((c) => c.args.slice(0, 2)))).not.toMatch(/\$add":\["\$\$NOW",\d{4,}/);
    expect(json(real.calls.map((c) => c.args.slice(0, 2)))).not.toMatch(/\d{13}/);
    expect(real.calls.map((c) => c.method)).toEqual(['findOneAndUpdate', 'findOne']);

    const moved = recordingDb();
    await new MongoReadStore(moved.db, { leaseClockOffsetMs: () => 60_000 }).leaseHolder('lease');
    const [filter] = moved.calls[0].args as [{ $expr: { $gt: [string, { $add: [string, number] }] } }];
    expect(filter.$expr.$gt[1].$add[0]).toBe('$$NOW');
    expect(filter.$expr.$gt[1].$add[1]).toBe(60_000);
  });

  it('tells a waiter how long the holder still holds a lease by the server clock too', async () => {
    const { db, calls } = recordingDb();
    expect(await new MongoReadStore(db).leaseTimeLeft('lease')).toBeNull();
    const [pipeline] = calls[0].args as [unknown[]];
    expect(calls[0].method).toBe('aggregate');
    expect(json(pipeline)).toBe('[{"$match":{"_id":"lease","$expr":{"$gt":["$expiresAt","$$NOW"]}}},{"$project":{"_id":0,"left":{"$subtract":["$expiresAt","$$NOW"]}}}]');
  });
});
