import { OPPORTUNITY_TIMELINE_HEADS, OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from '../projections/opportunity-timeline/opportunity-timeline.projection';
import { Projector } from '../projector/projector';
import { snapshot } from '../projector/testing/projector-fixtures';
import { workloadStores } from '../projector/testing/workload-stores';
import { TimelineKeeper } from './timeline-keeper';
import type { Timelines } from './timeline.types';

const versionsHeld = (timelines: Timelines, ids: Iterable<string>): number => [...ids].reduce((n, id) => n + (timelines.get(id)?.versions.length ?? 0), 0);

// A bounded rebuild writes its final write-out in id order, 5,000 documents per transaction: in
// position order only as a whole. A keeper that caught up between two of them would hold versions
// past ones the next stores.
describe('a timeline keeper asked while the timeline is first built', () => {
  // Enough opportunities that the timeline's final write-out takes more than one transaction.
  const stores = workloadStores(18_000, 23);

  it('holds every version once the build is switched to', async () => {
    const { events, store } = stores;
    const projector = new Projector(events, store, { log: () => undefined, dropGraceMs: 0, projections: [opportunityTimelineProjection], rebuildMemoryBudgetBytes: 2 ** 28 });
    const keeper = new TimelineKeeper(projector.readModels, store);
    const writeBatch = store.writeBatch.bind(store);
    let asked = 0;
    store.writeBatch = async (...args) => {
      await writeBatch(...args);
      asked += 1;
      await keeper.current();
    };
    try {
      await projector.rebuild();
    } finally {
      store.writeBatch = writeBatch;
    }
    const built = await snapshot(store, [opportunityTimelineProjection]);
    const versions = built[OPPORTUNITY_VERSIONS];
    expect(asked).toBeGreaterThan(2);
    expect(versions.length + built[OPPORTUNITY_TIMELINE_HEADS].length).toBeGreaterThan(5_000);
    expect(versionsHeld(await keeper.current(), new Set(versions.map((version) => String(version.opportunityId))))).toBe(versions.length);
  });
});
