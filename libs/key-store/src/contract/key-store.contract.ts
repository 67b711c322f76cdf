import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidKeyStoreRequestError } from '../key-store.errors';
import type { ErasureCompletion, ErasureRequest, KeyStore } from '../key-store.port';

const request = (subjectId: string, overrides: Partial<ErasureRequest> = {}): ErasureRequest => ({
  subjectId,
  streams: [`lead-${randomUUID()}`],
  reason: 'DATA_SUBJECT_REQUEST',
  notes: null,
  actor: 'dpo-1',
  commandId: randomUUID(),
  correlationId: randomUUID(),
  erasedAt: '2026-12-01T10:00:00.000Z',
  suppressions: [{ kind: 'EMAIL', hash: `h-${subjectId}` }],
  ...overrides,
});

const done = (completedAt: string, found: Partial<ErasureCompletion> = {}): ErasureCompletion => ({ completedAt, streams: [], suppressions: [], ...found });

/** One contract for every key store adapter: SQLite always, MongoDB when MONGODB_URL is set. */
export const describeKeyStoreContract = (name: string, open: () => Promise<KeyStore>): void => {
  describe(`${name} key store contract`, () => {
    let store: KeyStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    it('stores keys in one batch and finds them again, byte for byte', async () => {
      const keys = [0, 1, 2].map(() => ({ subjectId: randomUUID(), wrapped: randomBytes(60) }));
      await store.createKeys(keys);
      const found = await store.findKeys([...keys.map((k) => k.subjectId), randomUUID()]);
      expect(found.size).toBe(3);
      for (const key of keys) expect(found.get(key.subjectId)?.equals(key.wrapped)).toBe(true);
    });

    it('finds hundreds of keys in one call, those of unknown subjects absent', async () => {
      const keys = Array.from({ length: 300 }, () => ({ subjectId: randomUUID(), wrapped: randomBytes(60) }));
      await store.createKeys(keys);
      const unknown = Array.from({ length: 20 }, () => randomUUID());
      const found = await store.findKeys([...keys.map((k) => k.subjectId), ...unknown, keys[0].subjectId]);
      expect(found.size).toBe(300);
      expect(keys.every((k) => found.get(k.subjectId)?.equals(k.wrapped))).toBe(true);
    });

    it('keeps the first key of a subject when it is created again', async () => {
      const subjectId = randomUUID();
      const first = randomBytes(60);
      await store.createKeys([{ subjectId, wrapped: first }]);
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
      expect((await store.findKeys([subjectId])).get(subjectId)?.equals(first)).toBe(true);
    });

    it('refuses a malformed subject id or an empty key, writing nothing', async () => {
      const good = { subjectId: randomUUID(), wrapped: randomBytes(60) };
      await expect(store.createKeys([good, { subjectId: 'NOT-A-UUID', wrapped: randomBytes(60) }])).rejects.toThrow(InvalidKeyStoreRequestError);
      await expect(store.createKeys([{ subjectId: randomUUID(), wrapped: Buffer.alloc(0) }])).rejects.toThrow(InvalidKeyStoreRequestError);
      expect((await store.findKeys([good.subjectId])).size).toBe(0);
    });

    it('keeps the first erasure request of a subject and lists it as pending until completed', async () => {
      const subjectId = randomUUID();
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
      const first = await store.beginErasure(request(subjectId, { reason: 'RETENTION' }));
      const again = await store.beginErasure(request(subjectId, { reason: 'OTHER' }));
      expect(again).toEqual(first);
      expect(first).toMatchObject({ reason: 'RETENTION', completedAt: null });
      expect((await store.pendingErasures()).map((r) => r.subjectId)).toContain(subjectId);
      expect((await store.findKeys([subjectId])).size).toBe(1);
    });

    it('destroys the key, stores the suppressions and completes the erasure at once, and only once', async () => {
      const subjectId = randomUUID();
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
      const { cursor } = await store.destroyedSince(null);
      await store.beginErasure(request(subjectId));
      await store.completeErasure(subjectId, done('2026-12-01T10:00:01.000Z'));
      await store.completeErasure(subjectId, done('2026-12-02T00:00:00.000Z'));
      expect((await store.findKeys([subjectId])).size).toBe(0);
      expect(await store.findErasure(subjectId)).toMatchObject({ completedAt: '2026-12-01T10:00:01.000Z' });
      expect((await store.pendingErasures()).map((r) => r.subjectId)).not.toContain(subjectId);
      expect(await store.findSuppressions([`h-${subjectId}`, 'other'])).toEqual([{ kind: 'EMAIL', hash: `h-${subjectId}`, subjectId }]);
      const destroyed = await store.destroyedSince(cursor);
      expect(destroyed.subjectIds).toEqual([subjectId]);
      expect((await store.destroyedSince(destroyed.cursor)).subjectIds).toEqual([]);
    });

    it('records what the erasure found while it ran: more streams and suppressions, the request\'s own kept', async () => {
      const subjectId = randomUUID();
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
      const begun = await store.beginErasure(request(subjectId));
      const late = `contact-${randomUUID()}`;
      await store.completeErasure(subjectId, done('2026-12-01T10:00:01.000Z', { streams: [...begun.streams, late], suppressions: [{ kind: 'PHONE', hash: `p-${subjectId}` }] }));
      expect(await store.findErasure(subjectId)).toMatchObject({ streams: [...begun.streams, late] });
      expect((await store.findSuppressions([`h-${subjectId}`, `p-${subjectId}`])).map((s) => s.kind).sort()).toEqual(['EMAIL', 'PHONE']);
    });

    it('never makes a key again for a subject whose erasure was requested', async () => {
      const subjectId = randomUUID();
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
      await store.beginErasure(request(subjectId));
      await store.completeErasure(subjectId, done('2026-12-01T10:00:01.000Z'));
      const other = { subjectId: randomUUID(), wrapped: randomBytes(60) };
      await store.createKeys([{ subjectId, wrapped: randomBytes(60) }, other]);
      const found = await store.findKeys([subjectId, other.subjectId]);
      expect([...found.keys()]).toEqual([other.subjectId]);
    });

    it('refuses to complete an erasure that was never begun', async () => {
      await expect(store.completeErasure(randomUUID(), done('2026-12-01T10:00:01.000Z'))).rejects.toThrow(/No erasure was begun/);
    });

    it('lifts every suppression of a hash and reports what it lifted', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const hash = `shared-${randomUUID()}`;
      for (const subjectId of [a, b]) {
        await store.createKeys([{ subjectId, wrapped: randomBytes(60) }]);
        await store.beginErasure(request(subjectId, { suppressions: [{ kind: 'PHONE', hash }] }));
        await store.completeErasure(subjectId, done('2026-12-01T10:00:01.000Z'));
      }
      const lifted = await store.liftSuppressions(hash);
      expect(lifted.map((s) => s.subjectId).sort()).toEqual([a, b].sort());
      expect(await store.findSuppressions([hash])).toEqual([]);
      expect(await store.liftSuppressions(hash)).toEqual([]);
    });
  });
};
