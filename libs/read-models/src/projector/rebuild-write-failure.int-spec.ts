import { ALL_PROJECTIONS } from '../projections/projection-registry';
import { Projector } from './projector';
import type { RebuildPhase } from './rebuilder';
import { snapshot } from './testing/projector-fixtures';
import { workloadStores } from './testing/workload-stores';

const quiet = { log: () => undefined, dropGraceMs: 0 };

// A bounded rebuild counts the documents it writes out as stored before the write succeeds, and
// writes a timeline's heads before their versions: safe only while a failed write ends the run and
// the next starts from an emptied target. A run that went on past the failure, or built on what the
// failed one left, would lose or mix documents here.
describe('a bounded rebuild whose write-out fails midway', () => {
  const stores = workloadStores(3_000, 23);

  it('leaves every projection as the rebuild that holds everything', async () => {
    const { events, store } = stores;
    await new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: Infinity }).rebuild();
    const held = await snapshot(store, ALL_PROJECTIONS);
    let phase: RebuildPhase | null = null;
    let replayWrites = 0;
    const writeBatch = store.writeBatch.bind(store);
    // The second write-out of the replay fails: the first one's documents are stored by then.
    store.writeBatch = async (...args) => {
      if (phase === 'replay' && ++replayWrites === 2) throw new Error('disk I/O error');
      return writeBatch(...args);
    };
    try {
      const bounded = await new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: 2 ** 19 }).rebuild(undefined, (progress) => (phase = progress.phase));
      expect(bounded.evictions).toBeGreaterThanOrEqual(3);
    } finally {
      store.writeBatch = writeBatch;
    }
    expect(replayWrites).toBeGreaterThan(2);
    expect(await snapshot(store, ALL_PROJECTIONS)).toEqual(held);
  });
});
