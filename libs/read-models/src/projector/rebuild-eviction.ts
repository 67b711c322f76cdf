import { yieldToEventLoop } from './yield-to-event-loop';
import type { MemoryBudget } from './memory-budget';
import type { TargetDocs } from './target-docs';

/** Position buckets for choosing a cutoff: fine enough to land near the aim, one pass over what is held. */
const BUCKETS = 4_096;

/**
 * The position from which documents are kept so that they weigh at most `keepBytes`: the most
 * recently changed documents are the likeliest to change again (an open deal, a lead being worked),
 * so they stay and the rest go. One pass to weigh by bucket (no held document was changed after the
 * last position a lane stamped).
 */
export const evictionCutoff = (held: readonly TargetDocs[], keepBytes: number): number => {
  const highest = Math.max(0, ...held.map((docs) => docs.stampedPosition));
  const width = Math.max(1, Math.ceil((highest + 1) / BUCKETS));
  const weights = new Float64Array(BUCKETS);
  for (const docs of held) docs.forEachWeighed((doc, bytes) => (weights[Math.min(BUCKETS - 1, Math.floor(doc.lastPosition / width))] += bytes));
  let kept = 0;
  for (let bucket = BUCKETS - 1; bucket >= 0; bucket--) {
    kept += weights[bucket];
    if (kept > keepBytes) return (bucket + 1) * width;
  }
  return 0;
};

/** What a rebuild's lanes must offer to have their memory relieved. */
export interface RelievableLane {
  applier: { held: TargetDocs; evictOlderThan(position: number): Promise<void> };
}

/**
 * Evicts the least recently changed documents down to the budget's aim, writing out the changes
 * among them (each lane in the same pass that drops them): what stays held stays unwritten, so a hot
 * document is not written again at every eviction.
 */
export const relieveLanes = async (lanes: readonly RelievableLane[], budget: MemoryBudget): Promise<void> => {
  const cutoff = evictionCutoff(lanes.map(({ applier }) => applier.held), budget.keepBytes);
  for (const { applier } of lanes) await applier.evictOlderThan(cutoff);
  // What was evicted is garbage now: collected at once, while what is held is smallest.
  budget.collectAfterEviction();
  // Timers (the rebuild's lease renewal) and requests get their turn between reliefs.
  await yieldToEventLoop();
};

/**
 * Once the replay's documents are all written out, before the indexes are built: SQLite sorts each
 * index in memory, so a bounded rebuild lets go of every document it holds (the catch-up reads back
 * the few it needs) and collects, and the sort does not come on top of them. On threads, another
 * thread's replay runs beside the sort: at 3,000,000 events that sum peaked at 528 MiB without this.
 */
export const releaseLanes = async (lanes: readonly RelievableLane[], budget: MemoryBudget): Promise<void> => {
  for (const { applier } of lanes) await applier.evictOlderThan(Number.MAX_SAFE_INTEGER);
  budget.collectAfterEviction();
};
