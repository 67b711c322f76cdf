import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtSecretError } from './security.errors';

export const JWT_SECRET_FILE = 'jwt-secret';

/** HS256 is only as strong as its key: RFC 7518 asks for at least the hash size, 256 bits. */
export const MIN_SECRET_BYTES = 32;

const assertStrong = (secret: string, origin: string): string => {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new JwtSecretError(`${origin} must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
  return secret;
};

/**
 * `CRM_JWT_SECRET` when set; otherwise the secret kept in `<dataDir>/jwt-secret`, created on first use
 * (48 random bytes, mode 0600). Creation uses the exclusive flag, so two processes starting at once
 * agree on one secret instead of overwriting each other's.
 */
export const loadOrCreateJwtSecret = (dataDir: string, env: NodeJS.ProcessEnv = process.env): string => {
  const fromEnv = env.CRM_JWT_SECRET;
  if (fromEnv) return assertStrong(fromEnv, 'CRM_JWT_SECRET');
  const path = join(dataDir, JWT_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  restrictMode(path);
  return assertStrong(readFileSync(path, 'utf8').trim(), path);
};

/** A secret file others can read is tightened rather than trusted as is (umask or a copy may have widened it). */
const restrictMode = (path: string): void => {
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
};
