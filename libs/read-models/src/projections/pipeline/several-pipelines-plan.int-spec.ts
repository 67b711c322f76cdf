import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import type { FindOptions } from '../../store/read-store.port';
import { OPPORTUNITIES, opportunitiesProjection } from '../opportunities/opportunities.projection';
import { RENEWALS } from '../testing/pipeline-events.fixtures';
import { pipelineFilterFor } from './pipeline-summary';
import { PIPELINE, pipelineProjection } from './pipeline.projection';

const plan = (store: SqliteReadStore, collection: string, query: FindOptions): string => store.explainFind(collection, query).join(' | ');

/** The queries of one pipeline, on the projections' own indexes. */
describe('one pipeline of several on SQLite', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = new SqliteReadStore({ filename: ':memory:' });
    await store.ensureCollection(OPPORTUNITIES, [...opportunitiesProjection.collections[OPPORTUNITIES]]);
    await store.ensureCollection(PIPELINE, [...pipelineProjection.collections[PIPELINE]]);
  });
  afterEach(async () => store.close());

  it("reads a pipeline's opportunities by close date in index order, at one or several stages, without sorting them", () => {
    const query = { filter: { pipelineId: RENEWALS.pipelineId }, sort: [{ field: 'expectedCloseDate', direction: 'asc' as const }] };
    expect(plan(store, OPPORTUNITIES, query)).toMatch(/USING (COVERING )?INDEX \S*pipelineId/);
    expect(plan(store, OPPORTUNITIES, query)).not.toMatch(/TEMP B-TREE/);
    const atStage = { ...query, filter: { pipelineId: RENEWALS.pipelineId, stage: { $in: ['DUE'] } } };
    expect(plan(store, OPPORTUNITIES, atStage)).toMatch(/USING (COVERING )?INDEX \S*pipelineId_1_stage_1_expectedCloseDate/);
    expect(plan(store, OPPORTUNITIES, atStage)).not.toMatch(/TEMP B-TREE/);
    // At several stages, the pipeline's index in close date order, each row's stage tested: still no sort.
    const atStages = { ...query, filter: { pipelineId: RENEWALS.pipelineId, stage: { $in: ['DUE', 'QUOTED'] } } };
    expect(plan(store, OPPORTUNITIES, atStages)).toMatch(/USING (COVERING )?INDEX \S*pipelineId/);
    expect(plan(store, OPPORTUNITIES, atStages)).not.toMatch(/TEMP B-TREE/);
  });

  it.each([{}, { ownerId: 'rep-1' }, { closeDateFrom: '2026-03-01' }, { ownerId: 'rep-1', closeDateTo: '2026-05-31', currency: 'EUR' }, { currency: 'USD' }])(
    "reads the aggregates of the pipeline query %j through an index",
    (query) => {
      expect(plan(store, PIPELINE, { filter: pipelineFilterFor({ ...query, pipelineId: RENEWALS.pipelineId }) })).toMatch(/USING (COVERING )?INDEX/);
    },
  );
});
