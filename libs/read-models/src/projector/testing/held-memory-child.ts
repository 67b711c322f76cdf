import type { RecordedEvent } from '@crm/event-store';
import { ALL_PROJECTIONS } from '../../projections/projection-registry';
import { crmWorkload } from '../../projections/testing/crm-workload';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { BatchApplier } from '../batch-applier';
import { MemoryBudget } from '../memory-budget';
import { matchesFilter, targetOf } from '../projection-target';
import { StoredIds } from '../stored-ids';

/**
 * Holds every projection's documents for a workload of `argv[2]` events the way a rebuild does,
 * and prints what the budget estimated its documents weigh beside what the heap grew by (after full collections):
 * `node --expose-gc -r test/support/ts-register.js held-memory-child.ts <events>`.
 */
const gc = (globalThis as { gc?: () => void }).gc!;
const heap = (): number => {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const main = async (): Promise<void> => {
  // Measured from before the log exists, and after it is let go: a document's strings shared with its
  // events count as the document's, as they do once a rebuild has moved past those events.
  const start = heap();
  const revisions = new Map<string, number>();
  let log: RecordedEvent[] = [...crmWorkload({ events: Number(process.argv[2]), seed: 5 })].map(({ streamName, event }, i) => {
    const revision = revisions.get(streamName) ?? 0;
    revisions.set(streamName, revision + 1);
    return { ...event, streamName, revision, position: BigInt(i + 1), recordedAt: new Date(0) };
  });
  // Never written: a complete target reads nothing from its store.
  const store = new SqliteReadStore({ filename: ':memory:' });
  const budget = new MemoryBudget(2 ** 40);
  const appliers = ALL_PROJECTIONS.map((projection) => new BatchApplier(store, targetOf(projection, { version: 1, generation: 1 }), { exclusive: true, budget }));
  for (const [i, projection] of ALL_PROJECTIONS.entries()) await appliers[i].apply(log.filter(matchesFilter(projection.filter)));
  log = [];
  revisions.clear();
  const grown = heap() - start;
  // The filters of written ids are exact in both figures: left out, so that the documents are compared.
  const filters = appliers.length * new StoredIds(budget.limitBytes).bytes;
  const held = appliers.reduce((sum, applier) => sum + applier.held.resident, 0);
  process.stdout.write(JSON.stringify({ estimated: budget.heldBytes - filters, grown: grown - filters, held }));
  await store.close();
};

void main();
