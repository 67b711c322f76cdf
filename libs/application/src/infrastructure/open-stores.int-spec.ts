import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@crm/event-store';
import { MASTER_KEY_FILE } from '@crm/key-store';
import { loadConfig } from '../config/crm-config';
import { PlainPersonalDataError } from '../privacy/encrypted-log-check';
import { openStores } from './open-stores';

describe('opening the stores of a data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const env = () => ({ CRM_DATA_DIR: dir });

  it('creates a master key readable by the owner only, and keeps it across starts', async () => {
    const first = await openStores(loadConfig(env()), env());
    await first.close();
    expect(statSync(join(dir, MASTER_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = await openStores(loadConfig(env()), env());
    expect(second.masterKey.keyedHash('x')).toBe(first.masterKey.keyedHash('x'));
    await second.close();
  });

  it('refuses a log written with plain personal data, saying what to do', async () => {
    const old = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const leadId = randomUUID();
    await old.appendToStream(`lead-${leadId}`, [{
      id: randomUUID(), type: 'LeadCaptured',
      data: { leadId, firstName: 'Old', lastName: 'Version', email: 'old@example.org', companyName: 'Old B.V.', source: 'WEB_FORM' },
      metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString() },
    }], 'no_stream');
    await old.close();
    const opening = openStores(loadConfig(env()), env());
    await expect(opening).rejects.toBeInstanceOf(PlainPersonalDataError);
    await expect(opening).rejects.toThrow(/new data folder/);
  });

  it('refuses a master key that is not 32 bytes', async () => {
    await expect(openStores(loadConfig(env()), { ...env(), CRM_MASTER_KEY: 'c2hvcnQ=' })).rejects.toThrow(/32 bytes/);
  });
});
