import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JWT_SECRET_FILE, loadOrCreateJwtSecret } from './jwt-secret';
import { JwtSecretError } from './security.errors';

describe('the signing secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'crm-secret-')), 'data');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('is generated into the data folder at first use, readable by the owner only, and reused afterwards', () => {
    const first = loadOrCreateJwtSecret(dir, {});
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateJwtSecret(dir, {})).toBe(first);
  });

  it('is CRM_JWT_SECRET when set, and then no file is written', () => {
    const secret = 'x'.repeat(40);
    expect(loadOrCreateJwtSecret(dir, { CRM_JWT_SECRET: secret })).toBe(secret);
    expect(() => statSync(join(dir, JWT_SECRET_FILE))).toThrow();
  });

  it('refuses a CRM_JWT_SECRET shorter than 32 bytes', () => {
    expect(() => loadOrCreateJwtSecret(dir, { CRM_JWT_SECRET: 'short' })).toThrow(JwtSecretError);
  });

  it('tightens a secret file that others could read', () => {
    loadOrCreateJwtSecret(dir, {});
    chmodSync(join(dir, JWT_SECRET_FILE), 0o644);
    loadOrCreateJwtSecret(dir, {});
    expect(statSync(join(dir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });
});
