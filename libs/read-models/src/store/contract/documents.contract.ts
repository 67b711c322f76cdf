import { InvalidQueryError } from '../read-store.errors';
import type { Doc, Filter } from '../read-store.port';
import type { ContractContext } from './contract-context';

export function describeDocumentsContract(ctx: ContractContext): void {
  describe('documents', () => {
    const lead: Doc = { id: 'lead-1', name: 'Ada', owner: { id: 'u1', name: 'Uma' }, tags: ['a', 'b'], score: 3.5, active: true, note: null };

    it('returns an upserted document as written, and null for an unknown id', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      expect(await ctx.store.get('leads', 'lead-1')).toEqual(lead);
      expect(await ctx.store.get('leads', 'nope')).toBeNull();
    });

    it('replaces the whole document on a second upsert', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'lead-1', name: 'Ada L.' } }]);
      expect(await ctx.store.get('leads', 'lead-1')).toEqual({ id: 'lead-1', name: 'Ada L.' });
    });

    it('patches dotted paths, creating missing objects, and ignores a patch of a missing document', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      await ctx.store.writeBatch([
        { kind: 'patch', collection: 'leads', id: 'lead-1', set: { 'owner.name': 'Ulla', 'stats.calls': 2, score: 4 } },
        { kind: 'patch', collection: 'leads', id: 'ghost', set: { name: 'x' } },
      ]);
      expect(await ctx.store.get('leads', 'lead-1')).toEqual({ ...lead, owner: { id: 'u1', name: 'Ulla' }, stats: { calls: 2 }, score: 4 });
      expect(await ctx.store.get('leads', 'ghost')).toBeNull();
    });

    it('treats an empty patch as a no-op, of a stored document, a missing one, and beside a checkpoint', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      await ctx.store.writeBatch([
        { kind: 'patch', collection: 'leads', id: 'lead-1', set: {} },
        { kind: 'patch', collection: 'leads', id: 'ghost', set: {} },
      ]);
      await ctx.store.writeBatch([{ kind: 'patch', collection: 'leads', id: 'lead-1', set: {} }], { name: 'cp', position: 7n });
      expect(await ctx.store.get('leads', 'lead-1')).toEqual(lead);
      expect(await ctx.store.get('leads', 'ghost')).toBeNull();
      expect((await ctx.store.getCheckpoint('cp'))?.position).toBe(7n);
    });

    it('refuses a patch through a non-object value', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      await expect(ctx.store.writeBatch([{ kind: 'patch', collection: 'leads', id: 'lead-1', set: { 'name.first': 'A' } }])).rejects.toBeInstanceOf(InvalidQueryError);
      expect(await ctx.store.get('leads', 'lead-1')).toEqual(lead);
    });

    it('deletes a document; deleting a missing one is a no-op', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: lead }]);
      await ctx.store.writeBatch([{ kind: 'delete', collection: 'leads', id: 'lead-1' }, { kind: 'delete', collection: 'leads', id: 'ghost' }]);
      expect(await ctx.store.get('leads', 'lead-1')).toBeNull();
    });

    it('applies ops on one document in batch order', async () => {
      await ctx.store.writeBatch([
        { kind: 'upsert', collection: 'leads', doc: { id: 'a', n: 1 } },
        { kind: 'patch', collection: 'leads', id: 'a', set: { n: 2, 'x.y': 1 } },
        { kind: 'patch', collection: 'leads', id: 'a', set: { 'x.z': 2 } },
        { kind: 'upsert', collection: 'leads', doc: { id: 'b', n: 1 } },
        { kind: 'delete', collection: 'leads', id: 'b' },
        { kind: 'upsert', collection: 'leads', doc: { id: 'c', n: 1 } },
        { kind: 'delete', collection: 'leads', id: 'c' },
        { kind: 'patch', collection: 'leads', id: 'c', set: { n: 9 } },
        { kind: 'upsert', collection: 'leads', doc: { id: 'd', n: 1 } },
      ]);
      await ctx.store.writeBatch([
        { kind: 'delete', collection: 'leads', id: 'd' },
        { kind: 'upsert', collection: 'leads', doc: { id: 'd', n: 2 } },
        { kind: 'patch', collection: 'leads', id: 'd', set: { m: 1 } },
        { kind: 'patch', collection: 'leads', id: 'd', set: { o: { p: 1 } } },
        { kind: 'patch', collection: 'leads', id: 'd', set: { 'o.q': 2 } },
      ]);
      const all = await ctx.store.getMany('leads', ['a', 'b', 'c', 'd']);
      expect(Object.fromEntries(all)).toEqual({ a: { id: 'a', n: 2, x: { y: 1, z: 2 } }, d: { id: 'd', n: 2, m: 1, o: { p: 1, q: 2 } } });
    });

    it('merges successive patches of a document not in the batch, later paths winning', async () => {
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a', o: { p: 1, r: 1 }, s: { t: 1 } } }]);
      await ctx.store.writeBatch([
        { kind: 'patch', collection: 'leads', id: 'a', set: { 'o.p': 2, s: { u: 1 } } },
        { kind: 'patch', collection: 'leads', id: 'a', set: { o: { q: 3 }, 's.v': 2 } },
      ]);
      expect(await ctx.store.get('leads', 'a')).toEqual({ id: 'a', o: { q: 3 }, s: { u: 1, v: 2 } });
    });

    it('getMany returns found documents only, in one map', async () => {
      await ctx.store.writeBatch(['x', 'y', 'z'].map((id) => ({ kind: 'upsert' as const, collection: 'leads', doc: { id, v: id } })));
      const found = await ctx.store.getMany('leads', ['z', 'x', 'missing', 'x']);
      expect([...found.keys()].sort()).toEqual(['x', 'z']);
      expect(found.get('z')).toEqual({ id: 'z', v: 'z' });
      expect((await ctx.store.getMany('leads', [])).size).toBe(0);
    });

    it('reads a collection nobody wrote to as empty', async () => {
      expect(await ctx.store.get('never_written', 'a')).toBeNull();
      expect((await ctx.store.getMany('never_written', ['a'])).size).toBe(0);
      expect(await ctx.store.count('never_written')).toBe(0);
      expect(await ctx.store.find('never_written', { filter: { a: 1 }, sort: [{ field: 'a', direction: 'desc' }] })).toEqual({
        items: [], cursors: [], startCursor: null, endCursor: null, hasNextPage: false, hasPreviousPage: false, totalCount: 0,
      });
    });

    it('finds documents replaced, patched and deleted before their indexes were built by their last values only', async () => {
      const indexes = [{ fields: [{ field: 'status' }, { field: 'at', direction: -1 as const }] }, { fields: [{ field: 'owner.id' }] }];
      await ctx.store.ensureCollection('bulk_v1', indexes, { deferIndexes: true });
      await ctx.store.writeBatch([
        { kind: 'upsert', collection: 'bulk_v1', doc: { id: 'a', status: 'NEW', at: '2026-01-01', owner: { id: 'u1' } } },
        { kind: 'upsert', collection: 'bulk_v1', doc: { id: 'b', status: 'NEW', at: '2026-01-02', owner: { id: 'u1' } } },
        { kind: 'upsert', collection: 'bulk_v1', doc: { id: 'c', status: 'NEW', at: '2026-01-03', owner: { id: 'u2' } } },
      ]);
      await ctx.store.writeBatch([
        { kind: 'upsert', collection: 'bulk_v1', doc: { id: 'a', status: 'WON', at: '2026-02-01', owner: { id: 'u2' } } },
        { kind: 'patch', collection: 'bulk_v1', id: 'b', set: { status: 'LOST', 'owner.id': 'u3' } },
        { kind: 'delete', collection: 'bulk_v1', id: 'c' },
      ]);
      await ctx.store.ensureCollection('bulk_v1', indexes);
      const idsOf = async (filter: Filter): Promise<string[]> =>
        (await ctx.store.find('bulk_v1', { filter, sort: [{ field: 'at', direction: 'desc' }], first: 10 })).items.map((doc) => String(doc.id));
      expect(await idsOf({ status: 'NEW' })).toEqual([]);
      expect(await idsOf({ status: 'WON' })).toEqual(['a']);
      expect(await idsOf({ status: 'LOST' })).toEqual(['b']);
      expect(await idsOf({ 'owner.id': 'u1' })).toEqual([]);
      expect(await idsOf({ 'owner.id': 'u2' })).toEqual(['a']);
      expect(await idsOf({ 'owner.id': 'u3' })).toEqual(['b']);
      expect(await ctx.store.get('bulk_v1', 'b')).toEqual({ id: 'b', status: 'LOST', at: '2026-01-02', owner: { id: 'u3' } });
      expect(await ctx.store.count('bulk_v1', {})).toBe(2);
    });

    it('lists, creates idempotently and drops collections', async () => {
      await ctx.store.ensureCollection('leads_v1', [{ fields: [{ field: 'status' }] }]);
      await ctx.store.ensureCollection('leads_v1', [{ fields: [{ field: 'status' }] }, { fields: [{ field: 'owner.id' }, { field: 'at', direction: -1 }] }]);
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'accounts_v1', doc: { id: 'a' } }]);
      expect(await ctx.store.listCollections()).toEqual(['accounts_v1', 'leads_v1']);
      await ctx.store.dropCollection('leads_v1');
      await ctx.store.dropCollection('leads_v1');
      expect(await ctx.store.listCollections()).toEqual(['accounts_v1']);
      await ctx.store.writeBatch([{ kind: 'upsert', collection: 'leads_v1', doc: { id: 'b' } }]);
      expect(await ctx.store.get('leads_v1', 'b')).toEqual({ id: 'b' });
    });
  });
}
