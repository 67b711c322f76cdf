import fc from 'fast-check';
import type { Doc, Filter, ReadStore, SortKey } from '../../store/read-store.port';
import type { Projection } from '../projection';
import { OPPORTUNITIES, opportunitiesProjection } from '../opportunities/opportunities.projection';
import type { OpportunityDoc } from '../opportunities/opportunity-doc';
import { pipelineDefinitionOf, withDefaultPipeline, type PipelineDefinitionDoc } from '../pipeline-definitions/pipeline-definition-doc';
import { PIPELINE_DEFINITIONS, pipelineDefinitionsProjection } from '../pipeline-definitions/pipeline-definitions.projection';
import { EventLog } from '../testing/event-log.fixtures';
import { PARTNERS, PIPELINES, RENEWALS, pipelineDefined, pipelineRevised, reweighted } from '../testing/pipeline-events.fixtures';
import { describeOnEveryReadStore } from '../testing/on-every-read-store';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { opportunityHistories } from './opportunity-history.fixtures';
import type { PipelineDoc } from './pipeline-aggregate';
import { pipelineFilterFor, summarisePipeline, type PipelineQuery } from './pipeline-summary';
import { PIPELINE, pipelineProjection } from './pipeline.projection';

const month = fc.integer({ min: 1, max: 6 }).map((m) => `2026-0${m}-10`);
const queries = fc.record({
  pipeline: fc.constantFrom(...PIPELINES),
  ownerId: fc.option(fc.constantFrom('rep-1', 'rep-2', 'rep-3')),
  closeDateFrom: fc.option(month),
  closeDateTo: fc.option(month),
  currency: fc.option(fc.constantFrom('EUR', 'USD', 'JPY')),
});

/** Every document of a filter, page by page as the API reads them. */
const walk = async (store: ReadStore, collection: string, filter: Filter, sort: SortKey[] = []): Promise<Doc[]> => {
  const docs: Doc[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<ReadStore['find']>> = await store.find<Doc>(collection, { filter, sort, first: 3, after, totalCount: false });
    docs.push(...page.items);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after !== null);
  return docs;
};

/** The projection's documents of `logical` written to a fresh collection with the projection's indexes. */
async function stored(store: ReadStore, projection: Projection, logical: string, kit: ProjectionTestKit, name: string): Promise<string> {
  await store.ensureCollection(name, [...projection.collections[logical]]);
  await store.writeBatch(kit.docs(logical).map((doc) => ({ kind: 'upsert' as const, collection: name, doc })));
  return name;
}

const describeOnStore = (name: string, open: () => Promise<ReadStore>): void => {
  describe(`several pipelines on ${name}`, () => {
    let run = 0;
    const withStore = async (body: (store: ReadStore, suffix: number) => Promise<void>): Promise<void> => {
      const store = await open();
      try {
        await body(store, run++);
      } finally {
        await store.close();
      }
    };

    it("summarises a pipeline read through pipelineFilterFor as from every document, for any pipeline and filter", async () => {
      await fc.assert(
        fc.asyncProperty(opportunityHistories, queries, (history, { pipeline, ...filter }) =>
          withStore(async (store, suffix) => {
            const kit = await new ProjectionTestKit(pipelineProjection).run(new EventLog().recordAll(history));
            const collection = await stored(store, pipelineProjection, PIPELINE, kit, `pipeline_${suffix}`);
            const query: PipelineQuery = { ...filter, pipelineId: pipeline.pipelineId };
            const read = (await walk(store, collection, pipelineFilterFor(query))) as PipelineDoc[];
            const everything = kit.docs<PipelineDoc>(PIPELINE);
            expect(summarisePipeline(read, pipeline, query)).toEqual(summarisePipeline(everything, pipeline, query));
          }),
        ),
        { numRuns: 25 },
      );
    });

    it('lists the opportunities of a pipeline, at any of its stages, by close date, page by page', async () => {
      const keysOf = (stages: readonly { key: string }[]) => stages.map((stage) => stage.key);
      const cases = fc.tuple(opportunityHistories, fc.constantFrom(...PIPELINES)).chain(([history, pipeline]) =>
        fc.tuple(fc.constant(history), fc.constant(pipeline), fc.option(fc.subarray(keysOf(pipeline.stages), { minLength: 1 }))),
      );
      await fc.assert(
        fc.asyncProperty(cases, ([history, pipeline, stages]) =>
          withStore(async (store, suffix) => {
            const kit = await new ProjectionTestKit(opportunitiesProjection).run(new EventLog().recordAll(history));
            const collection = await stored(store, opportunitiesProjection, OPPORTUNITIES, kit, `opportunities_${suffix}`);
            const filter: Filter = { pipelineId: pipeline.pipelineId, ...(stages === null ? {} : { stage: { $in: stages } }) };
            const sort: SortKey[] = [{ field: 'expectedCloseDate', direction: 'asc' }];
            const expected = kit
              .docs<OpportunityDoc>(OPPORTUNITIES)
              .filter((doc) => doc.pipelineId === pipeline.pipelineId && (stages === null || stages.includes(doc.stage)))
              .sort((a, b) => (a.expectedCloseDate === b.expectedCloseDate ? (a.id < b.id ? -1 : 1) : a.expectedCloseDate < b.expectedCloseDate ? -1 : 1));
            expect((await walk(store, collection, filter, sort)).map((doc) => doc.id)).toEqual(expected.map((doc) => doc.id));
            expect(await store.count(collection, filter)).toBe(expected.length);
          }),
        ),
        { numRuns: 25 },
      );
    });

    it('keeps the definitions as written, by name, and gives the default pipeline where its stream is empty', () =>
      withStore(async (store, suffix) => {
        const events = [pipelineDefined(RENEWALS), pipelineDefined(PARTNERS), pipelineRevised(RENEWALS, reweighted(RENEWALS, { DUE: 35 }))];
        const kit = await new ProjectionTestKit(pipelineDefinitionsProjection).run(new EventLog().recordAll(events));
        const collection = await stored(store, pipelineDefinitionsProjection, PIPELINE_DEFINITIONS, kit, `pipeline_definitions_${suffix}`);
        const byName = (await walk(store, collection, {}, [{ field: 'name', direction: 'asc' }])) as PipelineDefinitionDoc[];
        expect(byName.map((doc) => doc.name)).toEqual(['Partners', 'Renewals']);
        expect(await store.get(collection, RENEWALS.pipelineId)).toEqual(kit.doc(PIPELINE_DEFINITIONS, RENEWALS.pipelineId));
        expect(withDefaultPipeline(byName).map(pipelineDefinitionOf).map((p) => p.name)).toEqual(['Sales', 'Partners', 'Renewals']);
        expect(pipelineDefinitionOf(byName[1]).stages.find((stage) => stage.key === 'DUE')?.probability).toBe(35);
      }));
  });
};

describeOnEveryReadStore('reads several pipelines', describeOnStore);
