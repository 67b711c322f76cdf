import { DuplicateKeyError, InvalidQueryError, LeaseLostError, ReadStoreClosedError } from '../read-store.errors';
import type { WriteOp } from '../read-store.port';
import type { ContractContext } from './contract-context';

const upsert = (id: string, extra: Record<string, string> = {}): WriteOp => ({ kind: 'upsert', collection: 'leads', doc: { id, ...extra } });

export function describeCheckpointsContract(ctx: ContractContext): void {
  describe('checkpoints', () => {
    it('writes a checkpoint with the batch, keeping bigint positions beyond 2^53 exact', async () => {
      expect(await ctx.store.getCheckpoint('leads_v1')).toBeNull();
      const big = (1n << 64n) - 1n;
      await ctx.store.writeBatch([upsert('a')], { name: 'leads_v1', position: big, extra: { version: 1, target: 'leads_v1' } });
      const checkpoint = await ctx.store.getCheckpoint('leads_v1');
      expect(checkpoint).toMatchObject({ name: 'leads_v1', position: big, extra: { version: 1, target: 'leads_v1' } });
      expect(new Date(checkpoint?.updatedAt ?? '').toISOString()).toBe(checkpoint?.updatedAt);
    });

    it('replaces position and extra, lists by name and deletes', async () => {
      await ctx.store.writeBatch([], { name: 'pipeline_v1', position: null });
      await ctx.store.writeBatch([], { name: 'leads_v1', position: 10n, extra: { a: 1 } });
      await ctx.store.writeBatch([], { name: 'leads_v1', position: 9007199254740993n });
      expect((await ctx.store.listCheckpoints()).map((c) => [c.name, c.position, c.extra])).toEqual([
        ['leads_v1', 9007199254740993n, {}],
        ['pipeline_v1', null, {}],
      ]);
      await ctx.store.deleteCheckpoint('leads_v1');
      await ctx.store.deleteCheckpoint('leads_v1');
      expect((await ctx.store.listCheckpoints()).map((c) => c.name)).toEqual(['pipeline_v1']);
    });

    it('rejects negative and oversized positions before writing anything', async () => {
      for (const position of [-1n, 1n << 64n]) {
        await expect(ctx.store.writeBatch([upsert('a')], { name: 'cp', position })).rejects.toBeInstanceOf(InvalidQueryError);
      }
      expect(await ctx.store.get('leads', 'a')).toBeNull();
    });

    it('stores nothing of a batch whose op fails: neither its documents nor its checkpoint', async () => {
      await ctx.store.ensureCollection('leads', [{ fields: [{ field: 'email' }], unique: true }]);
      await ctx.store.writeBatch([upsert('a', { email: 'a@x' }), upsert('b', { email: 'b@x' })], { name: 'cp', position: 1n });
      const failing = ctx.store.writeBatch([upsert('c', { email: 'c@x' }), upsert('b', { email: 'a@x' })], { name: 'cp', position: 2n });
      await expect(failing).rejects.toMatchObject({ constructor: DuplicateKeyError, code: 'CONFLICT', collection: 'leads' });
      expect((await ctx.store.getCheckpoint('cp'))?.position).toBe(1n);
      expect(await ctx.store.get('leads', 'b')).toEqual({ id: 'b', email: 'b@x' });
      expect(await ctx.store.get('leads', 'c')).toBeNull();
    });
  });
}

export function describeAliasesAndLeasesContract(ctx: ContractContext): void {
  describe('aliases', () => {
    it('resolves an alias and switches it', async () => {
      expect(await ctx.store.getAlias('leads')).toBeNull();
      await ctx.store.setAlias('leads', 'leads_v1');
      expect(await ctx.store.getAlias('leads')).toBe('leads_v1');
      await ctx.store.setAlias('leads', 'leads_v2');
      expect(await ctx.store.getAlias('leads')).toBe('leads_v2');
    });
  });

  describe('leases', () => {
    it('lets one owner hold a lease, renew it, and release it to another', async () => {
      expect(await ctx.store.acquireLease('projector:leads', 'p1', 60_000)).toBe(true);
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(false);
      expect(await ctx.store.acquireLease('projector:leads', 'p1', 60_000)).toBe(true);
      await ctx.store.releaseLease('projector:leads', 'p2');
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(false);
      await ctx.store.releaseLease('projector:leads', 'p1');
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(true);
      expect(await ctx.store.acquireLease('projector:other', 'p1', 60_000)).toBe(true);
    });

    it('lets another owner take over an expired lease, after which the old owner cannot renew', async () => {
      expect(await ctx.store.acquireLease('projector:leads', 'p1', 60_000)).toBe(true);
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(false);
      ctx.advanceClock(120_000);
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(true);
      expect(await ctx.store.acquireLease('projector:leads', 'p1', 60_000)).toBe(false);
    });

    it('tells who holds a lease without taking it', async () => {
      expect(await ctx.store.leaseHolder('projector:leads')).toBeNull();
      await ctx.store.acquireLease('projector:leads', 'p1', 60_000);
      expect(await ctx.store.leaseHolder('projector:leads')).toBe('p1');
      expect(await ctx.store.acquireLease('projector:leads', 'p2', 60_000)).toBe(false);
      await ctx.store.acquireLease('projector:short', 'p1', 60_000);
      ctx.advanceClock(120_000);
      expect(await ctx.store.leaseHolder('projector:short')).toBeNull();
      await ctx.store.releaseLease('projector:leads', 'p1');
      expect(await ctx.store.leaseHolder('projector:leads')).toBeNull();
    });

    it('stores a fenced batch only while its owner holds the lease', async () => {
      await ctx.store.acquireLease('projection:leads', 'p1', 60_000);
      await ctx.store.writeBatch([upsert('a')], { name: 'cp', position: 1n, fence: { lease: 'projection:leads', owner: 'p1' } });
      ctx.advanceClock(120_000);
      expect(await ctx.store.acquireLease('projection:leads', 'p2', 60_000)).toBe(true);
      const late = ctx.store.writeBatch([upsert('a', { late: 'yes' }), upsert('b')], { name: 'cp', position: 2n, fence: { lease: 'projection:leads', owner: 'p1' } });
      await expect(late).rejects.toMatchObject({ constructor: LeaseLostError, code: 'CONFLICT', lease: 'projection:leads', owner: 'p1' });
      expect(await ctx.store.get('leads', 'a')).toEqual({ id: 'a' });
      expect(await ctx.store.get('leads', 'b')).toBeNull();
      expect((await ctx.store.getCheckpoint('cp'))?.position).toBe(1n);
      await ctx.store.writeBatch([upsert('b')], { name: 'cp', position: 2n, fence: { lease: 'projection:leads', owner: 'p2' } });
      expect((await ctx.store.getCheckpoint('cp'))?.position).toBe(2n);
    });

    it('grants a free lease to exactly one of several concurrent owners', async () => {
      const owners = ['p1', 'p2', 'p3', 'p4'];
      const granted = await Promise.all(owners.map((owner) => ctx.store.acquireLease('race', owner, 60_000)));
      expect(granted.filter(Boolean)).toHaveLength(1);
    });
  });
}

export function describeValidationContract(ctx: ContractContext): void {
  describe('validation and lifecycle', () => {
    const badInput = { constructor: InvalidQueryError, code: 'BAD_USER_INPUT' };

    it.each(['Leads', '1leads', 'le-ads', '_checkpoints', 'sqlite_master', 'a'.repeat(64), '', 'leads; DROP TABLE x'])('rejects the collection name %p', async (name) => {
      await expect(ctx.store.get(name, 'a')).rejects.toMatchObject({ ...badInput, field: 'collection' });
      await expect(ctx.store.writeBatch([upsert('a'), { kind: 'delete', collection: name, id: 'a' }])).rejects.toMatchObject(badInput);
      await expect(ctx.store.ensureCollection(name, [])).rejects.toMatchObject(badInput);
      expect(await ctx.store.get('leads', 'a')).toBeNull();
    });

    it.each(["name') OR 1=1 --", 'a..b', '.a', 'a.', '1a', '_id', 'a b', '$where'])('rejects the field path %p in filters, sorts, indexes and patches', async (field) => {
      await expect(ctx.store.find('leads', { filter: { [field]: 1 } })).rejects.toMatchObject(badInput);
      await expect(ctx.store.count('leads', { [field]: 1 })).rejects.toMatchObject(badInput);
      await expect(ctx.store.find('leads', { sort: [{ field, direction: 'asc' }] })).rejects.toMatchObject(badInput);
      await expect(ctx.store.ensureCollection('leads', [{ fields: [{ field }] }])).rejects.toMatchObject(badInput);
      await expect(ctx.store.writeBatch([{ kind: 'patch', collection: 'leads', id: 'a', set: { [field]: 1 } }])).rejects.toMatchObject(badInput);
    });

    it('rejects unknown operators, bad operands and malformed documents', async () => {
      const filters: unknown[] = [{ a: { $regex: 'x' } }, { a: {} }, { a: { $gt: null } }, { a: { $gt: true } }, { a: { $in: 'x' } }, { a: [1] }, { a: { b: 1 } }, { a: Infinity }];
      for (const filter of filters) await expect(ctx.store.find('leads', { filter: filter as never })).rejects.toMatchObject(badInput);
      const docs: unknown[] = [{ id: '' }, { id: 3 }, { id: 'a', _id: 'b' }, null, []];
      for (const doc of docs) await expect(ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: doc as never }])).rejects.toMatchObject(badInput);
      await expect(ctx.store.writeBatch([{ kind: 'patch', collection: 'leads', id: 'a', set: { id: 'b' } }])).rejects.toMatchObject(badInput);
      await expect(ctx.store.find('leads', { sort: [{ field: 'a', direction: 'up' as never }] })).rejects.toMatchObject(badInput);
      await expect(ctx.store.acquireLease('l', 'o', 0)).rejects.toMatchObject(badInput);
    });

    it('treats hostile values as data', async () => {
      const value = "x'); DROP TABLE leads; --";
      await ctx.store.writeBatch([upsert('a', { name: value }), upsert(value, { name: 'b' })]);
      expect((await ctx.store.find('leads', { filter: { name: value } })).items.map((d) => d.id)).toEqual(['a']);
      expect(await ctx.store.get('leads', value)).toEqual({ id: value, name: 'b' });
    });

    it('answers ping, and fails every call once closed', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
      await ctx.store.close();
      await ctx.store.close();
      await expect(ctx.store.get('leads', 'a')).rejects.toBeInstanceOf(ReadStoreClosedError);
      await expect(ctx.store.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    });
  });
}
