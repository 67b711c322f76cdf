import { leadsProjection } from '../projections/leads/leads.projection';
import { Projector } from './projector';
import { ReadModels } from './read-models';
import { snapshot } from './testing/projector-fixtures';
import { workloadStores } from './testing/workload-stores';

const quiet = { log: () => undefined, dropGraceMs: 0, projections: [leadsProjection] };

// A first build writes its collections a chunk at a time, so a part of them is no read model yet.
describe("readers of a projection's first build", () => {
  const stores = workloadStores(1_500, 61, true);

  it('see none of it until its switch, then all of it', async () => {
    const { events, store } = stores;
    // A reader in another process: not told of the switch.
    const elsewhere = new ReadModels(store, events, { projections: [leadsProjection] });
    const seen: number[] = [];
    const writeBatch = store.writeBatch.bind(store);
    store.writeBatch = async (...args) => {
      await writeBatch(...args);
      seen.push(await store.count(await elsewhere.collectionFor('leads')));
    };
    try {
      // A budget this small writes the leads out many times before the end.
      await new Projector(events, store, { ...quiet, rebuildMemoryBudgetBytes: 2 ** 17 }).rebuild();
    } finally {
      store.writeBatch = writeBatch;
    }
    const built = (await snapshot(store, [leadsProjection])).leads.length;
    expect(built).toBeGreaterThan(0);
    // The last write is the switch's pointer, after the aliases moved.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.slice(0, -1)).toEqual(seen.slice(0, -1).map(() => 0));
    expect(seen[seen.length - 1]).toBe(built);
  });
});
