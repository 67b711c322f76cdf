import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DuplicateKeyError, LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import { SqliteReadStore } from './sqlite-read-store';
import { SqliteWriteGroup, WRITTEN } from './sqlite-write-group';

/** Commits in a WAL file: frames whose header names the database size after the commit. */
const walCommits = (filename: string): number => {
  if (!existsSync(`${filename}-wal`)) return 0;
  const wal = readFileSync(`${filename}-wal`);
  const frame = 24 + wal.readUInt32BE(8);
  const salt = wal.readUInt32BE(16);
  let commits = 0;
  for (let at = 32; at + frame <= wal.length && wal.readUInt32BE(at + 8) === salt; at += frame) if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
  return commits;
};

const upsert = (id: string, extra: Record<string, unknown> = {}) => ({ kind: 'upsert' as const, collection: 'leads', doc: { id, ...extra } });

describe('SQLite read store: batches asked for in one turn commit together', () => {
  let dir: string;
  let filename: string;
  let store: SqliteReadStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-write-group-'));
    filename = join(dir, 'read-models.sqlite');
    store = new SqliteReadStore({ filename });
    await store.ensureCollection('leads', [{ fields: [{ field: 'email', direction: 1 }], unique: true }]);
    await store.writeBatch([upsert('seed', { email: 'seed@example.nl' })]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the batches of two projections woken together in one commit, each with its checkpoint', async () => {
    const before = walCommits(filename);
    await Promise.all([
      store.writeBatch([upsert('a')], { name: 'projector:leads', position: 7n }),
      store.writeBatch([upsert('b')], { name: 'projector:lead_funnel', position: 7n }),
    ]);
    expect(walCommits(filename) - before).toBe(1);
    expect(await store.getMany('leads', ['a', 'b'])).toEqual(new Map([['a', { id: 'a' }], ['b', { id: 'b' }]]));
    expect((await store.getCheckpoint('projector:leads'))?.position).toBe(7n);
    expect((await store.getCheckpoint('projector:lead_funnel'))?.position).toBe(7n);
  });

  it('commits batches asked for after an await apart, as before', async () => {
    const before = walCommits(filename);
    await store.writeBatch([upsert('a')]);
    await store.writeBatch([upsert('b')]);
    expect(walCommits(filename) - before).toBe(2);
  });

  it('applies the batches of one commit in the order they were asked for', async () => {
    await Promise.all([store.writeBatch([upsert('a', { n: 1 })]), store.writeBatch([upsert('a', { n: 2 })]), store.writeBatch([{ kind: 'patch', collection: 'leads', id: 'a', set: { m: 3 } }])]);
    expect(await store.get('leads', 'a')).toEqual({ id: 'a', n: 2, m: 3 });
  });

  it('rolls back a failing batch alone: its caller gets the error, the others are stored', async () => {
    const results = await Promise.allSettled([
      store.writeBatch([upsert('a')], { name: 'projector:leads', position: 1n }),
      // The second document breaks the unique email index: the whole batch, its first document and checkpoint included, must go.
      store.writeBatch([upsert('b'), upsert('c', { email: 'seed@example.nl' })], { name: 'projector:other', position: 1n }),
      store.writeBatch([upsert('d')], { name: 'projector:third', position: 1n }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
    expect([...(await store.getMany('leads', ['a', 'b', 'c', 'd'])).keys()].sort()).toEqual(['a', 'd']);
    expect(await store.getCheckpoint('projector:other')).toBeNull();
    expect((await store.getCheckpoint('projector:third'))?.position).toBe(1n);
  });

  it('refuses a fenced batch whose lease another owner holds, and stores the batch beside it', async () => {
    expect(await store.acquireLease('projection:leads', 'p2', 60_000)).toBe(true);
    const results = await Promise.allSettled([
      store.writeBatch([upsert('late')], { name: 'projector:leads', position: 2n, fence: { lease: 'projection:leads', owner: 'p1' } }),
      store.writeBatch([upsert('live')], { name: 'projector:leads', position: 2n, fence: { lease: 'projection:leads', owner: 'p2' } }),
    ]);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(LeaseLostError);
    expect(results[1].status).toBe('fulfilled');
    expect([...(await store.getMany('leads', ['late', 'live'])).keys()]).toEqual(['live']);
  });

  it('stores a batch writing to a table that a batch before it in the same commit made, and lost when it failed', async () => {
    const results = await Promise.allSettled([
      store.writeBatch([{ kind: 'upsert', collection: 'fresh', doc: { id: 'f1' } }, upsert('c', { email: 'seed@example.nl' })]),
      store.writeBatch([{ kind: 'upsert', collection: 'fresh', doc: { id: 'f2' } }], { name: 'projector:fresh', position: 1n }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect([...(await store.getMany('fresh', ['f1', 'f2'])).keys()]).toEqual(['f2']);
  });

  it('tells checkpoint watchers once, when another connection can read what the commit stored', async () => {
    const elsewhere = new BetterSqlite3(filename, { readonly: true });
    try {
      const seenWhenTold: unknown[] = [];
      store.watchCheckpoints(() => seenWhenTold.push(elsewhere.prepare("SELECT id FROM leads WHERE id IN ('a', 'b') ORDER BY id").pluck().all()));
      await Promise.all([store.writeBatch([upsert('a')], { name: 'projector:leads', position: 3n }), store.writeBatch([upsert('b')])]);
      expect(seenWhenTold).toEqual([['a', 'b']]);
    } finally {
      elsewhere.close();
    }
  });

  it('refuses a write asked for while the store closes, as closed', async () => {
    let late: Promise<void> | null = null;
    store.watchCheckpoints(() => (late ??= store.writeBatch([upsert('late')])));
    const written = store.writeBatch([upsert('at-close')], { name: 'projector:leads', position: 9n });
    await store.close();
    await written;
    await expect(late).rejects.toBeInstanceOf(ReadStoreClosedError);
  });

  it('commits the batches still waiting when the store is closed', async () => {
    const written = store.writeBatch([upsert('at-close')], { name: 'projector:leads', position: 9n });
    await store.close();
    await expect(written).resolves.toBeUndefined();
    store = new SqliteReadStore({ filename });
    expect(await store.get('leads', 'at-close')).toEqual({ id: 'at-close' });
  });
});

describe('SqliteWriteGroup', () => {
  it('rejects every batch of a group whose commit failed as a whole', async () => {
    const failure = new Error('disk full');
    const group = new SqliteWriteGroup<string>(() => {
      throw failure;
    });
    const results = await Promise.allSettled([group.write('a'), group.write('b')]);
    expect(results).toEqual([{ status: 'rejected', reason: failure }, { status: 'rejected', reason: failure }]);
  });

  it('hands each batch the outcome of its own savepoint', async () => {
    const seen: string[][] = [];
    const group = new SqliteWriteGroup<string>((batches) => {
      seen.push([...batches]);
      return batches.map((b) => (b === 'bad' ? new Error(b) : WRITTEN));
    });
    const results = await Promise.allSettled([group.write('a'), group.write('bad'), group.write('c')]);
    expect(seen).toEqual([['a', 'bad', 'c']]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
