import { hash, randomFillSync } from 'node:crypto';

/** Namespace of Pipeline CRM's name-based uuids (RFC 4122 version 5). */
const NAMESPACE = Buffer.from('6d1f2a7c9b0e4c1fa3b25e8d7c4f1a90', 'hex');

/** A version 7 uuid in any letter case, with the RFC 9562 variant. */
const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The largest millisecond a version 7 uuid holds (48 bits: the year 10889). */
const MAX_MS = 2 ** 48 - 1;

const format = (bytes: Buffer): string => {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** SHA-1 of the namespace and the parts, hashed in one call: every command derives its event ids so. */
const nameHash = (parts: readonly string[]): Buffer => {
  const name = parts.join('\u0000');
  const input = Buffer.allocUnsafe(NAMESPACE.length + Buffer.byteLength(name));
  NAMESPACE.copy(input, 0);
  input.write(name, NAMESPACE.length);
  return hash('sha1', input, 'buffer');
};

/** Writes `ms` big-endian into the first six bytes and sets the version 7 and variant bits. */
const stampVersion7 = (bytes: Buffer, ms: number): string => {
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(bytes);
};

/**
 * The same parts always give the same uuid (version 5). Kept for ids that need no order (webhook
 * delivery ids) and as what `derivedUuid` gives for a base that is not a version 7 uuid.
 */
export const deterministicUuid = (...parts: string[]): string => {
  const hash = nameHash(parts);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  return format(hash);
};

/** The millisecond a version 7 uuid carries, or null for any other string. */
export const uuidV7Time = (id: string): number | null => (VERSION_7.test(id) ? parseInt(id.slice(0, 8) + id.slice(9, 13), 16) : null);

/**
 * Event ids and the ids of entities a command creates are derived from the command id (or from the
 * event that caused them) this way, so a retry, by the caller or after a crash, reproduces exactly
 * the same writes and the store deduplicates them. A version 7 base gives a version 7 id at the
 * base's millisecond, so everything one command writes sorts with it and index inserts append; any
 * other base (a caller's own version 4 command id) gives the version 5 id it always gave.
 */
export const derivedUuid = (base: string, ...parts: string[]): string => {
  const ms = uuidV7Time(base);
  return ms === null ? deterministicUuid(base, ...parts) : stampVersion7(nameHash([base, ...parts]), ms);
};

/**
 * A deterministic version 7 uuid at instant `ms` (whole milliseconds since the epoch; a fraction is
 * dropped): the same instant and parts always give the same uuid, and ids sort by their instants.
 */
export const uuidV7At = (ms: number, ...parts: string[]): string => {
  const whole = Math.floor(ms);
  if (!Number.isFinite(whole) || whole < 0 || whole > MAX_MS) throw new RangeError(`A version 7 uuid holds a millisecond from 0 to 2^48 - 1, got ${ms}`);
  return stampVersion7(nameHash(parts), whole);
};

/** Random bytes drawn in blocks: one system call per 256 ids, as randomUUID() does. */
const POOL = Buffer.alloc(16 * 256);
let poolOffset = POOL.length;
const randomBytes10 = (into: Buffer): void => {
  if (poolOffset + 10 > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  POOL.copy(into, 6, poolOffset, poolOffset + 10);
  poolOffset += 10;
};

/**
 * RFC 9562 method 1: a 32-bit counter in the bits after the version and variant, seeded at random
 * (top bit clear, so it has room to count) in each new millisecond and incremented within one, so
 * ids made by this process in one millisecond still sort in creation order. A clock that steps
 * back keeps the last millisecond; a counter that runs out moves on to the next millisecond.
 */
let lastMs = -1;
let counter = 0;

/** A random version 7 uuid, lower case, for anything the server creates without a caller's id. */
export const newId = (): string => {
  const bytes = Buffer.allocUnsafe(16);
  randomBytes10(bytes);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = bytes.readUInt32BE(6) >>> 1;
  } else if (counter === 0xffffffff) {
    lastMs += 1;
    counter = 0;
  } else {
    counter += 1;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >>> 28);
  bytes[7] = (counter >>> 20) & 0xff;
  bytes[8] = 0x80 | ((counter >>> 14) & 0x3f);
  bytes[9] = (counter >>> 6) & 0xff;
  bytes[10] = ((counter << 2) & 0xfc) | (bytes[10] & 0x03);
  return format(bytes);
};
