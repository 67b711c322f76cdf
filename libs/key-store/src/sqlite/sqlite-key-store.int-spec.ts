import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKeyStoreContract } from '../contract/key-store.contract';
import { SqliteKeyStore } from './sqlite-key-store';

describe('SQLite key store (temp file)', () => {
  let dir: string;
  let files = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describeKeyStoreContract('SQLite', async () => new SqliteKeyStore({ path: join(dir, `keys-${files++}.sqlite`) }));

  it('leaves no byte of a destroyed key in its files, the WAL included', async () => {
    const folder = mkdtempSync(join(dir, 'scan-'));
    const store = new SqliteKeyStore({ path: join(folder, 'keys.sqlite') });
    const subjectId = randomUUID();
    const wrapped = randomBytes(60);
    const kept = randomBytes(60);
    await store.createKeys([{ subjectId, wrapped }, { subjectId: randomUUID(), wrapped: kept }]);
    await store.beginErasure({
      subjectId, streams: [], reason: 'OTHER', notes: null, actor: 'dpo', commandId: randomUUID(), correlationId: randomUUID(),
      erasedAt: '2026-12-01T10:00:00.000Z', suppressions: [],
    });
    const filesHold = (bytes: Buffer) => readdirSync(folder).some((file) => readFileSync(join(folder, file)).includes(bytes));
    expect(filesHold(wrapped)).toBe(true);
    await store.completeErasure(subjectId, { completedAt: '2026-12-01T10:00:01.000Z', streams: [], suppressions: [] });
    expect(filesHold(wrapped)).toBe(false);
    expect(filesHold(kept)).toBe(true);
    await store.close();
    expect(filesHold(wrapped)).toBe(false);
  });
});
