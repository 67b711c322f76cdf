import { HeapCeiling } from './heap-ceiling';

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
 * The old generation may grow by the budget past what the process held when the rebuild started
 * before a full collection is forced (`HeapCeiling`): the documents replaced as the replay goes,
 * the evicted ones and the events read are garbage, and without it the heap grows with that garbage
 * to two or three times the budget. When more than that survives a collection, the next waits until
 * the heap has grown by an eighth of the budget (at least `MIN_STEP_BYTES`) again.
 */
const HEAP_SHARE = 1;
const STEP_SHARE = 1 / 8;
const MIN_STEP_BYTES = 8 * 2 ** 20;

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
  /** Set with a full collection when the budget is made, at the start of a rebuild. */
  private readonly ceiling: HeapCeiling;
  /** Writes out and evicts; the rebuild sets it once its lanes exist. */
  relieve: (() => Promise<void>) | null = null;

  constructor(readonly limitBytes: number) {
    if (!(limitBytes > 0)) throw new RangeError(`a rebuild's memory budget must be positive, not ${limitBytes}`);
    this.ceiling = new HeapCeiling(limitBytes * HEAP_SHARE, Math.max(MIN_STEP_BYTES, limitBytes * STEP_SHARE));
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

  /** How many full collections the rebuild forced (one when it started). */
  get collections(): number {
    return this.ceiling.collections;
  }

  /** Forces a full collection when the heap has grown past what the budget explains; once a lane's batch. */
  collectIfHeapOver(): void {
    this.ceiling.collectIfOver();
  }

  /**
   * After an eviction, when what it dropped is garbage and what is held is smallest: a full collection
   * now. Not for a budget so small that an eviction frees less than a step of the heap's growth: its
   * evictions come every few batches, and a full collection each (tens of milliseconds over a large
   * heap) would make the rebuild crawl; the ceiling keeps that heap in bounds.
   */
  collectAfterEviction(): void {
    if (this.limitBytes * (HIGH_WATER_SHARE - KEEP_SHARE) >= MIN_STEP_BYTES) this.ceiling.collect();
    else this.ceiling.collectIfOver();
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
