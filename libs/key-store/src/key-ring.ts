import { randomBytes, randomUUID } from 'node:crypto';
import type { KeyStore } from './key-store.port';
import type { MasterKey } from './master-key';

const DATA_KEY_BYTES = 32;

export interface KeyRingOptions {
  /** New subjects' keys are made this many at a time: one durable write, not one per new person. */
  batchSize?: number;
  /** Unwrapped keys kept in memory, least recently used out first. */
  cacheSize?: number;
  /** How often to ask the store which keys were destroyed elsewhere (0: before every read). */
  refreshIntervalMs?: number;
  /**
   * Makes a new subject's id (its key's id). Time-ordered ids (UUID version 7) make each batch's keys
   * land at the end of the key file's index, a few pages per batch; random ones scatter them over the
   * whole index, about one page written per key once the file holds tens of thousands.
   */
  newSubjectId?: () => string;
}

/**
 * A subject's data key: its 32 bytes, in memory of their own. Callers use it within one synchronous
 * step and never write to it: the cache hands out its own copy.
 *
 * Kept as bytes rather than as a KeyObject: each KeyObject is a native object registered with its
 * thread until it is collected, and beside the cache's 20,000 of them every native crypto object
 * made (a cipher, an HMAC, a hash) cost about 1 us more: an HMAC 3.3 us against 2.2, an AES-GCM seal
 * 5.2 against 3.9, in a microbenchmark. A cipher takes the bytes as it takes a KeyObject's.
 */
export type DataKey = Buffer;

/**
 * The data keys a process uses. New subjects take a key made ahead in a batch and already durable
 * (their subject id is that key's id), so a capture pays no key-store write of its own; keys read
 * back are unwrapped once and cached, so a rebuild or a command pays no key-store read per event.
 * A key destroyed by another process is dropped from the cache at the next refresh. A key made
 * ahead and never used is harmless: it encrypts nothing.
 */
export class KeyRing {
  private readonly fresh: { subjectId: string; key: DataKey }[] = [];
  private refilling: Promise<void> | null = null;
  private readonly cache = new Map<string, DataKey | null>();
  private cursor: string | null = null;
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly cacheSize: number;
  private readonly refreshIntervalMs: number;
  private readonly newSubjectId: () => string;

  constructor(
    private readonly store: KeyStore,
    private readonly master: MasterKey,
    options: KeyRingOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 256;
    this.cacheSize = options.cacheSize ?? 20_000;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 0;
    this.newSubjectId = options.newSubjectId ?? randomUUID;
  }

  /** A new data subject: its key is already stored. */
  async newSubject(): Promise<string> {
    while (this.fresh.length === 0) {
      this.refilling ??= this.refill().finally(() => (this.refilling = null));
      await this.refilling;
    }
    // In the order they were made, so time-ordered subject ids are also handed out in order.
    const { subjectId, key } = this.fresh.shift()!;
    this.remember(subjectId, key);
    return subjectId;
  }

  /**
   * Makes sure these subjects have keys (a new key for each that has none, all in one write) and
   * loads them: for writers that choose subject ids themselves, such as the reproducible seed.
   */
  async ensure(subjectIds: readonly string[]): Promise<void> {
    const missing = [...new Set(subjectIds)].filter((id) => this.cache.get(id) === undefined);
    if (missing.length === 0) return;
    // One draw for every new key: the seed asks for thousands at a time.
    const material = randomBytes(DATA_KEY_BYTES * missing.length);
    const made = missing.map((subjectId, i) => {
      const bytes = material.subarray(i * DATA_KEY_BYTES, (i + 1) * DATA_KEY_BYTES);
      return { subjectId, bytes, wrapped: this.master.wrap(subjectId, bytes) };
    });
    await this.store.createKeys(made.map(({ subjectId, wrapped }) => ({ subjectId, wrapped })));
    // Read back: a subject that had a key keeps the stored one, not the one just made, and an erased
    // subject stays without one. A key read back as it was just wrapped is the one made: no unwrap.
    const stored = await this.store.findKeys(missing);
    for (const { subjectId, bytes, wrapped } of made) {
      // Destroyed while the keys were being written (forget, or a refresh meanwhile): it stays destroyed.
      if (this.cache.get(subjectId) === null) continue;
      const found = stored.get(subjectId);
      if (found === undefined) this.remember(subjectId, null);
      else this.remember(subjectId, keyOf(Buffer.compare(found, wrapped) === 0 ? bytes : this.master.unwrap(subjectId, found)));
    }
  }

  /** Whether the subject's key (or its destruction) is cached; does not count as a use. */
  has(subjectId: string): boolean {
    return this.cache.has(subjectId);
  }

  /** The subject's key from the cache: undefined when not cached, null when destroyed. */
  cached(subjectId: string): DataKey | null | undefined {
    const key = this.cache.get(subjectId);
    if (key === undefined) return undefined;
    this.cache.delete(subjectId);
    this.cache.set(subjectId, key);
    return key;
  }

  /** Loads the keys of these subjects that are not cached yet, in one read. */
  async load(subjectIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(subjectIds)].filter((id) => !this.cache.has(id));
    if (missing.length === 0) return;
    const wrapped = await this.store.findKeys(missing);
    for (const subjectId of missing) {
      // Destroyed while the keys were being read (forget, or a refresh meanwhile): it stays destroyed.
      if (this.cache.get(subjectId) === null) continue;
      const bytes = wrapped.get(subjectId);
      this.remember(subjectId, bytes === undefined ? null : keyOf(this.master.unwrap(subjectId, bytes)));
    }
  }

  /** Drops keys destroyed since the last refresh, here or in another process. */
  async refresh(): Promise<void> {
    const now = Date.now();
    if (now - this.lastRefresh < this.refreshIntervalMs) return;
    this.lastRefresh = now;
    // One at a time, each asking after the one before: a caller never returns before its own answer.
    // A failed ask fails its own caller only; the next one asks again from the same cursor.
    const mine = this.refreshing.catch(() => undefined).then(async () => {
      const destroyed = await this.store.destroyedSince(this.cursor);
      this.cursor = destroyed.cursor;
      for (const subjectId of destroyed.subjectIds) this.forget(subjectId);
    });
    this.refreshing = mine;
    await mine;
  }

  /** This process destroyed the key: it reads as destroyed from now on. */
  forget(subjectId: string): void {
    this.cache.delete(subjectId);
    this.remember(subjectId, null);
  }

  private async refill(): Promise<void> {
    // One draw for the whole batch, as `ensure` does: a draw costs a call into the system's generator.
    const material = randomBytes(DATA_KEY_BYTES * this.batchSize);
    const batch = Array.from({ length: this.batchSize }, (_, i) => ({
      subjectId: this.newSubjectId(),
      bytes: material.subarray(i * DATA_KEY_BYTES, (i + 1) * DATA_KEY_BYTES),
    }));
    await this.store.createKeys(batch.map(({ subjectId, bytes }) => ({ subjectId, wrapped: this.master.wrap(subjectId, bytes) })));
    for (const { subjectId, bytes } of batch) this.fresh.push({ subjectId, key: keyOf(bytes) });
  }

  private remember(subjectId: string, key: DataKey | null): void {
    this.cache.set(subjectId, key);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}

/**
 * A key in memory of its own. Key bytes arrive as views: of the batch's one draw of randomness, or of
 * Node's shared pool (an unwrapped key). Kept as such, one cached key would hold its batch's other
 * keys, destroyed ones included, and whatever else shares the pool, for as long as it is cached.
 */
const keyOf = (bytes: Buffer): DataKey => {
  const key = Buffer.alloc(DATA_KEY_BYTES);
  bytes.copy(key);
  return key;
};
