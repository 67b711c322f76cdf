import { estimateBytes } from './doc-size';
import type { CachedDoc } from './target-docs';

/**
 * Documents whose size is measured in full before sampling starts, then one write in `SAMPLE_EVERY`,
 * each moving the average by 1/`SAMPLE_WEIGHT`: measuring every write would cost the replay a walk
 * of every document it makes, and documents of one collection are much alike.
 */
const FULLY_MEASURED = 64;
const SAMPLE_EVERY = 16;
const SAMPLE_WEIGHT = 64;

/** One logical collection's held documents and the estimate of what a document of it weighs. */
export class HeldCollection {
  readonly docs = new Map<string, CachedDoc | null>();
  /** Entries that hold a document, not an absence. */
  present = 0;
  averageBytes = 0;
  private measured = 0;
  private writes = 0;

  /** Measures `doc` when its turn comes; returns how much the collection's estimate moved. */
  sample(doc: CachedDoc): number {
    this.writes += 1;
    if (this.measured >= FULLY_MEASURED && this.writes % SAMPLE_EVERY !== 0) return 0;
    const weight = this.measured < FULLY_MEASURED ? this.measured + 1 : SAMPLE_WEIGHT;
    this.measured += 1;
    const before = this.averageBytes;
    this.averageBytes += (estimateBytes(doc) - before) / weight;
    return this.present * (this.averageBytes - before);
  }
}
