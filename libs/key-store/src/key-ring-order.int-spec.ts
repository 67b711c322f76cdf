import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KeyRing } from './key-ring';
import { MasterKey } from './master-key';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

/** Ids that sort in the order they are made, as time-ordered (version 7) ids do. */
const orderedIds = (): (() => string) => {
  let made = 0;
  return () => `00000000-0000-7000-8000-${(made++).toString(16).padStart(12, '0')}`;
};

const BATCH = 256;
const WAL_FRAME_BYTES = 24 + 4096;

describe('key ring: the order of new subjects', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'crm-key-order-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes subjects with the given id maker and hands them out in the order they were made', async () => {
    const store = new SqliteKeyStore({ path: join(dir, 'keys.sqlite') });
    try {
      const next = orderedIds();
      const ring = new KeyRing(store, new MasterKey(randomBytes(32)), { batchSize: 4, newSubjectId: next });
      const handed = [];
      for (let i = 0; i < 6; i++) handed.push(await ring.newSubject());
      expect(handed).toEqual(Array.from({ length: 6 }, orderedIds()));
    } finally {
      await store.close();
    }
  });

  /** WAL frames one batch of new keys writes into a key file that already holds `existing` keys. */
  const framesOfOneBatch = async (newSubjectId: () => string, existing: number): Promise<number> => {
    const path = join(dir, `keys-${randomUUID()}.sqlite`);
    const store = new SqliteKeyStore({ path });
    const ring = new KeyRing(store, new MasterKey(randomBytes(32)), { batchSize: BATCH, newSubjectId });
    const side = new Database(path);
    try {
      for (let i = 0; i < existing + 1; i++) await ring.newSubject();
      side.pragma('wal_checkpoint(TRUNCATE)');
      for (let i = 0; i < BATCH; i++) await ring.newSubject();
      return (statSync(`${path}-wal`).size - 32) / WAL_FRAME_BYTES;
    } finally {
      side.close();
      await store.close();
    }
  };

  it('appends a batch of time-ordered keys to the end of the key file instead of scattering it over the file', async () => {
    const existing = 20 * BATCH - 1;
    const ordered = await framesOfOneBatch(orderedIds(), existing);
    const random = await framesOfOneBatch(randomUUID, existing);
    // 256 keys of ~150 bytes fill ~10 pages; scattered over ~130 leaf pages they dirty most of them.
    expect(ordered).toBeLessThanOrEqual(24);
    expect(random).toBeGreaterThan(5 * ordered);
  });
});
