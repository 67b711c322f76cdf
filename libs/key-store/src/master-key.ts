import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MasterKeyError } from './key-store.errors';

export const MASTER_KEY_FILE = 'master-key';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const derive = (master: Buffer, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `pipeline-crm ${purpose}`, KEY_BYTES));

/**
 * The one secret behind every person's data: it wraps the data keys and keys the suppression
 * hashes, each through a key derived for that purpose alone (HKDF), so neither use can stand in
 * for the other. Losing it loses every person's data; the README says how to back it up.
 */
export class MasterKey {
  private readonly wrapping: Buffer;
  private readonly hashing: Buffer;

  constructor(master: Buffer) {
    if (master.length !== KEY_BYTES) throw new MasterKeyError(`the master key must be ${KEY_BYTES} bytes, got ${master.length}`);
    this.wrapping = derive(master, 'data-key wrapping');
    this.hashing = derive(master, 'suppression hashing');
  }

  /** AES-256-GCM with the subject id as associated data: a wrapped key moved to another subject does not unwrap. */
  wrap(subjectId: string, dataKey: Buffer): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.wrapping, nonce).setAAD(Buffer.from(subjectId));
    return Buffer.concat([nonce, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  }

  unwrap(subjectId: string, wrapped: Buffer): Buffer {
    const nonce = wrapped.subarray(0, NONCE_BYTES);
    const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
    const body = wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.wrapping, nonce).setAAD(Buffer.from(subjectId)).setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new MasterKeyError(`the data key of subject ${subjectId} does not unwrap: the master key is not the one it was made with`);
    }
  }

  /** HMAC-SHA256, hex: a value that can be compared without being kept. */
  keyedHash(text: string): string {
    return createHmac('sha256', this.hashing).update(text).digest('hex');
  }
}

/** `CRM_MASTER_KEY` is 32 bytes as base64 or hex (e.g. `openssl rand -base64 32`). */
export const parseMasterKey = (text: string, origin: string): MasterKey => {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) throw new MasterKeyError(`${origin} must hold ${KEY_BYTES} bytes as base64 or hex (openssl rand -base64 32)`);
  return new MasterKey(bytes);
};

/**
 * `CRM_MASTER_KEY` when set; otherwise the key kept in `<dataDir>/master-key`, created at first start
 * (mode 0600) with the exclusive flag, so two processes starting at once agree on one key. With
 * `create` false (a command that only reads), a missing key is an error rather than a new key that
 * could read nothing.
 */
export const loadOrCreateMasterKey = (dataDir: string, env: NodeJS.ProcessEnv = process.env, create = true): MasterKey => {
  const fromEnv = env.CRM_MASTER_KEY;
  if (fromEnv) return parseMasterKey(fromEnv, 'CRM_MASTER_KEY');
  const path = join(dataDir, MASTER_KEY_FILE);
  if (!create && !existsSync(path)) {
    throw new MasterKeyError(`no master key: set CRM_MASTER_KEY or restore ${path} (without it no person's data can be read)`);
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return parseMasterKey(readFileSync(path, 'utf8'), path);
};
