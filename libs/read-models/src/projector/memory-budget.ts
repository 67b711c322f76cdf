import { collectGarbageSparingly } from './collect-garbage';

/** What a rebuild holds in memory when nothing says otherwise: 256 MiB of documents, all lanes together. */
export const DEFAULT_REBUILD_MEMORY_BYTES = 256 * 2 ** 20;

/**
 * Writing out starts at this share of the budget, and eviction brings what is held down to
 * `KEEP_SHARE`: one event adds a few documents, so the held estimate stops well short of the budget,
 * and an eviction frees room for many batches rather than one.
 */
const HIGH_WATER_SHARE = 0.9;
const KEEP_SHARE = 0.5;

/**
 * The resident size past which a full collection is forced: the documents replaced as the replay goes
 * are garbage V8 collects only when the old generation reaches a limit it sets to a multiple of what
 * survived the last collection, so the process would otherwise grow to two or three times the budget.
 * When a collection leaves the process above that size anyway (memory that is not the heap's), the
 * next is forced only once it has grown by `RESIDENT_STEP` more, so collections are never forced in a row.
 */
const RESIDENT_SHARE = 1.5;
const RESIDENT_FLOOR = 192 * 2 ** 20;
const RESIDENT_STEP = 48 * 2 ** 20;
/** Reading the resident size costs a system call: every lane's batch asks, the answer is read at most this often. */
const RESIDENT_CHECK_MS = 100;

/**
 * The estimated bytes of documents one rebuild holds, shared by all its lanes. When the estimate
 * passes the high-water mark, the applier that sees it asks `relieve` (set by the rebuild) to write
 * every lane's changes out and evict documents until the estimate is back under `keepBytes`.
 */
export class MemoryBudget {
  private held = 0;
  private peak = 0;
  private relieving: Promise<void> | null = null;
  private reliefs = 0;
  private collectAbove: number;
  private nextResidentCheck = 0;
  /** Writes out and evicts; the rebuild sets it once its lanes exist. */
  relieve: (() => Promise<void>) | null = null;

  constructor(readonly limitBytes: number) {
    if (!(limitBytes > 0)) throw new RangeError(`a rebuild's memory budget must be positive, not ${limitBytes}`);
    this.collectAbove = Math.max(RESIDENT_FLOOR, limitBytes * RESIDENT_SHARE);
  }

  get heldBytes(): number {
    return this.held;
  }

  /** The most the estimate ever reached: what tests and reports compare with the budget. */
  get peakHeldBytes(): number {
    return this.peak;
  }

  /** How many times the documents were written out and evicted. */
  get evictions(): number {
    return this.reliefs;
  }

  /** What eviction aims for. */
  get keepBytes(): number {
    return this.limitBytes * KEEP_SHARE;
  }

  get overHighWater(): boolean {
    return this.held > this.limitBytes * HIGH_WATER_SHARE;
  }

  /** Forces a full collection when the process has grown past what the budget explains; once a batch. */
  collectIfResidentOver(): void {
    const now = performance.now();
    if (now < this.nextResidentCheck) return;
    this.nextResidentCheck = now + RESIDENT_CHECK_MS;
    if (process.memoryUsage.rss() <= this.collectAbove || !collectGarbageSparingly()) return;
    this.collectAbove = Math.max(this.collectAbove, process.memoryUsage.rss() + RESIDENT_STEP);
  }

  add(bytes: number): void {
    this.held += bytes;
    if (this.held > this.peak) this.peak = this.held;
  }

  /** Writes out and evicts when over the high-water mark; lanes that call it together share one relief. */
  async relieveIfOver(): Promise<void> {
    if (!this.overHighWater || this.relieve === null) return;
    if (this.relieving === null) {
      this.reliefs += 1;
      this.relieving = this.relieve().finally(() => (this.relieving = null));
    }
    await this.relieving;
  }
}
