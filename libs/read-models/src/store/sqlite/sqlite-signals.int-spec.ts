import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadStore } from './sqlite-read-store';

const until = async (what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('SQLite read store shared by several processes, with cross-process signals', () => {
  let dir: string;
  let filename: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-signals-'));
    filename = join(dir, 'read-models.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("tells a read store's checkpoint watchers of batches another connection stored", async () => {
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

  it('still tells its watchers after the signal file was deleted, of batches a connection opened since stored', async () => {
    const reader = new SqliteReadStore({ filename, crossProcessSignals: true });
    let told = 0;
    reader.watchCheckpoints(() => told++);
    unlinkSync(`${filename}.signal`);
    // The deletion itself wakes the watcher (a spurious wake), which then watches the file made anew.
    await until('the watcher heard of the deletion', () => told > 0 && existsSync(`${filename}.signal`));
    // A process started after the deletion: it bumps the new file, which is the one watched.
    const writer = new SqliteReadStore({ filename, crossProcessSignals: true });
    try {
      const seen = told;
      await writer.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a' } }], { name: 'projector:leads', position: 1n });
      await until('the watcher is told of the batch', () => told > seen);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('stores batches and tells its own watchers when the signal file cannot be made; other processes are polled for', async () => {
    mkdirSync(`${filename}.signal`);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new SqliteReadStore({ filename, crossProcessSignals: true });
    try {
      let told = 0;
      store.watchCheckpoints(() => told++);
      await store.writeBatch([{ kind: 'upsert', collection: 'leads', doc: { id: 'a' } }], { name: 'projector:leads', position: 1n });
      expect(told).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      await store.close();
      warn.mockRestore();
    }
  });
});
