import { randomBytes, randomUUID } from 'node:crypto';
import { KeyRing } from './key-ring';
import type { KeyStore } from './key-store.port';
import { MasterKey } from './master-key';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

describe('key ring', () => {
  const store = new SqliteKeyStore({ path: ':memory:' });
  const master = new MasterKey(randomBytes(32));
  afterAll(() => store.close());

  const erase = async (subjectId: string) => {
    await store.beginErasure({
      subjectId, streams: [], reason: 'OTHER', notes: null, actor: 'dpo', commandId: subjectId, correlationId: subjectId,
      erasedAt: '2026-12-01T10:00:00.000Z', suppressions: [],
    });
    await store.completeErasure(subjectId, { completedAt: '2026-12-01T10:00:01.000Z', streams: [], suppressions: [] });
  };

  it('drops a key another process destroyed at the next refresh', async () => {
    const ring = new KeyRing(store, master, { batchSize: 2 });
    const subjectId = await ring.newSubject();
    expect(ring.cached(subjectId)).toBeTruthy();
    await erase(subjectId);
    await ring.refresh();
    expect(ring.cached(subjectId)).toBeNull();
  });

  it('keeps each key in memory of its own, made, ensured or read back', async () => {
    const ring = new KeyRing(store, master, { batchSize: 4 });
    const made = await ring.newSubject();
    const chosen = randomUUID();
    await ring.ensure([chosen]);
    const reader = new KeyRing(store, master);
    await reader.load([made]);
    for (const key of [ring.cached(made)!, ring.cached(chosen)!, reader.cached(made)!]) {
      expect(key).toHaveLength(32);
      expect(key.buffer.byteLength).toBe(32);
    }
    expect(reader.cached(made)).toEqual(ring.cached(made));
  });

  it('asks again after a failed refresh instead of failing every later one', async () => {
    let failNext = true;
    const flaky = new Proxy(store, {
      get: (target, property) =>
        property === 'destroyedSince'
          ? (cursor: string | null) => (failNext ? ((failNext = false), Promise.reject(new Error('store away'))) : target.destroyedSince(cursor))
          : Reflect.get(target, property),
    }) as KeyStore;
    const ring = new KeyRing(flaky, master, { batchSize: 2 });
    const subjectId = await ring.newSubject();
    await erase(subjectId);
    await expect(ring.refresh()).rejects.toThrow('store away');
    await ring.refresh();
    expect(ring.cached(subjectId)).toBeNull();
  });
  it('makes keys for chosen subjects in one write, keeps a key stored before, and makes none for an erased subject', async () => {
    const [kept, erased, fresh] = [randomUUID(), randomUUID(), randomUUID()];
    const earlier = new KeyRing(store, master);
    await earlier.ensure([kept, erased]);
    const keptKey = Buffer.from(earlier.cached(kept)!);
    await erase(erased);
    const ring = new KeyRing(store, master);
    await ring.ensure([kept, erased, fresh, fresh]);
    expect(ring.cached(kept)!).toEqual(keptKey);
    expect(ring.cached(erased)).toBeNull();
    expect((await store.findKeys([erased])).size).toBe(0);
    // The new key is the one stored: another process reads the same one back.
    const reader = new KeyRing(store, master);
    await reader.load([fresh]);
    expect(reader.cached(fresh)!).toEqual(ring.cached(fresh)!);
  });
});
