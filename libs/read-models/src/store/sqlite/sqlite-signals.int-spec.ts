import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from './sqlite-read-store';

describe('SQLite read store shared by several processes, with cross-process signals', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-signals-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("tells a read store's checkpoint watchers of batches another connection stored", async () => {
    const filename = join(dir, 'read-models.sqlite');
    const reader = new SqliteReadStore({ filename, crossProcessSignals: true });
    const writer = new SqliteReadStore({ filename, crossProcessSignals: true });
    try {
      const told = new Promise<void>((resolve) => reader.watchCheckpoints(resolve));
      await writer.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a' } }], { name: 'projector:leads', position: 1n });
      await told;
      expect(await reader.get('leads', 'a')).toEqual({ id: 'a' });
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });
});
