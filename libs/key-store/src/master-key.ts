import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { join } from 'node:path';
import { MasterKeyError } from './key-store.errors';

export const MASTER_KEY_FILE = 'master-key';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const derive = (master: Buffer, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `pipeline-crm ${purpose}`, KEY_BYTES));

/**
 * Random nonces drawn in blocks, each handed out once: a batch of new data keys wraps 256 keys in a
 * row, and a draw per nonce cost a call into the system's generator each.
 */
const NONCE_POOL = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = NONCE_POOL.length;
const newNonce = (): Buffer => {
  if (nonceOffset === NONCE_POOL.length) {
    randomFillSync(NONCE_POOL);
    nonceOffset = 0;
  }
  nonceOffset += NONCE_BYTES;
  return Buffer.from(NONCE_POOL.subarray(nonceOffset - NONCE_BYTES, nonceOffset));
};

/** AES-256-GCM: nonce, ciphertext and tag in one buffer, `associated` bound to it. */
const seal = (key: Buffer, associated: string, plaintext: Buffer): Buffer => {
  const nonce = newNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(associated));
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
};

/** The plaintext `seal` was given, or null when the key or the associated data differ. */
const open = (key: Buffer, associated: string, sealed: Buffer): Buffer | null => {
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(associated)).setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
};

/**
 * The one secret behind every person's data: it wraps the data keys, keys the suppression
 * hashes and seals stored secrets, each through a key derived for that purpose alone (HKDF), so no
 * use can stand in for another. Losing it loses every person's data; the README says how to back it up.
 */
export class MasterKey {
  private readonly wrapping: Buffer;
  private readonly hashing: Buffer;
  private readonly secrets: Buffer;

  constructor(master: Buffer) {
    if (master.length !== KEY_BYTES) throw new MasterKeyError(`the master key must be ${KEY_BYTES} bytes, got ${master.length}`);
    this.wrapping = derive(master, 'data-key wrapping');
    this.hashing = derive(master, 'suppression hashing');
    this.secrets = derive(master, 'stored secret sealing');
  }

  /** AES-256-GCM with the subject id as associated data: a wrapped key moved to another subject does not unwrap. */
  wrap(subjectId: string, dataKey: Buffer): Buffer {
    return seal(this.wrapping, subjectId, dataKey);
  }

  unwrap(subjectId: string, wrapped: Buffer): Buffer {
    const key = open(this.wrapping, subjectId, wrapped);
    if (key === null) throw new MasterKeyError(`the data key of subject ${subjectId} does not unwrap: the master key is not the one it was made with`);
    return key;
  }

  /**
   * Seals a secret the product must read back to use (a webhook's signing secret, which signs with
   * it and so cannot keep a hash), with its owner's id as associated data.
   */
  sealSecret(ownerId: string, secret: Buffer): Buffer {
    return seal(this.secrets, ownerId, secret);
  }

  openSecret(ownerId: string, sealed: Buffer): Buffer {
    const secret = open(this.secrets, ownerId, sealed);
    if (secret === null) throw new MasterKeyError(`the secret of ${ownerId} does not open: the master key is not the one it was sealed with`);
    return secret;
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
