import { getHeapSpaceStatistics } from 'node:v8';
import { collectGarbage } from './collect-garbage';

/**
 * What V8's old generation holds now, live and garbage, in bytes: every space but the young
 * generation's, which its own scavenges keep to a few MiB. Read from the heap itself: no system call.
 */
export const oldGenerationBytes = (): number => {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
};

/**
 * A ceiling on the old generation of a process that replaces much of what it holds (a rebuild): a
 * full collection is forced once the old generation has grown `allowanceBytes` past what it held
 * after the collection made when the ceiling was set, and never again before it has grown `stepBytes`
 * past what the last one left. V8 would collect only at a limit it sets to a multiple of what
 * survived its last full collection, and keep the pages it committed meanwhile, so the resident size
 * follows the highest the heap ever reached, garbage included. Triggered by what is on the heap, not
 * by the clock: a loaded machine stretches each collection but does not make fewer of them.
 */
export class HeapCeiling {
  /** The old generation after the collection that set the ceiling: what the process held before. */
  readonly startBytes: number;
  private collectAbove = 0;
  private forced = 0;

  constructor(
    private readonly allowanceBytes: number,
    private readonly stepBytes: number,
  ) {
    this.startBytes = this.collect();
  }

  /** Full collections forced, the one that set the ceiling included. */
  get collections(): number {
    return this.forced;
  }

  /** Collects when the old generation is over the ceiling; cheap enough to ask once per batch. */
  collectIfOver(): boolean {
    if (oldGenerationBytes() <= this.collectAbove) return false;
    this.collect();
    return true;
  }

  /** A full collection now; returns what the old generation holds after it. */
  collect(): number {
    collectGarbage();
    this.forced += 1;
    const left = oldGenerationBytes();
    // When more than the allowance survives, the next waits for a step of growth: never one per batch.
    this.collectAbove = Math.max((this.startBytes ?? left) + this.allowanceBytes, left + this.stepBytes);
    return left;
  }
}
