import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from '@crm/domain';
import { opened } from '../testing/domain-events.fixtures';
import { EventLog, type LoggedEvent } from '../testing/event-log.fixtures';
import { PARTNERS, RENEWALS, pipelineArchived, pipelineDefined, pipelineRevised, reweighted } from '../testing/pipeline-events.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import {
  defaultPipelineDoc,
  pipelineDefinitionDocOf,
  pipelineDefinitionOf,
  withDefaultPipeline,
  type PipelineDefinitionDoc,
} from './pipeline-definition-doc';
import { PIPELINE_DEFINITIONS, pipelineDefinitionsProjection } from './pipeline-definitions.projection';

const run = (events: LoggedEvent[]) => new ProjectionTestKit(pipelineDefinitionsProjection).run(new EventLog().recordAll(events));
const definition = (kit: ProjectionTestKit, id: string) => kit.doc<PipelineDefinitionDoc>(PIPELINE_DEFINITIONS, id);

const withoutQuoted = { ...RENEWALS, name: 'Renewals 2027', stages: RENEWALS.stages.filter((stage) => stage.key !== 'QUOTED') };

describe('pipeline definitions projection', () => {
  it('keeps a defined pipeline with its stages in order', async () => {
    const kit = await run([pipelineDefined(RENEWALS)]);
    expect(definition(kit, RENEWALS.pipelineId)).toEqual({
      id: RENEWALS.pipelineId,
      name: 'Renewals',
      archived: false,
      stages: RENEWALS.stages,
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      revision: 0,
    });
    expect(pipelineDefinitionOf(definition(kit, RENEWALS.pipelineId)!)).toEqual(RENEWALS);
  });

  it('takes the whole new stage list and name from a revision, and marks an archived pipeline', async () => {
    const kit = await run([pipelineDefined(RENEWALS), pipelineDefined(PARTNERS), pipelineRevised(RENEWALS, withoutQuoted, [{ from: 'QUOTED', to: 'AGREED' }]), pipelineArchived(PARTNERS)]);
    expect(definition(kit, RENEWALS.pipelineId)).toMatchObject({
      name: 'Renewals 2027',
      archived: false,
      stages: withoutQuoted.stages,
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T12:00:00.000Z',
      revision: 1,
    });
    expect(definition(kit, PARTNERS.pipelineId)).toMatchObject({ archived: true, stages: PARTNERS.stages, updatedAt: '2026-01-05T13:00:00.000Z', revision: 1 });
  });

  it("starts the default pipeline from DEFAULT_PIPELINE when its stream's first event is a revision", async () => {
    const cheaper = reweighted(DEFAULT_PIPELINE, { PROPOSAL: 40 });
    const kit = await run([pipelineRevised(DEFAULT_PIPELINE, cheaper)]);
    expect(definition(kit, DEFAULT_PIPELINE_ID)).toEqual({
      id: DEFAULT_PIPELINE_ID,
      name: 'Sales',
      archived: false,
      stages: cheaper.stages,
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      revision: 0,
    });
    const archived = await run([pipelineArchived(DEFAULT_PIPELINE)]);
    expect(definition(archived, DEFAULT_PIPELINE_ID)).toMatchObject({ archived: true, stages: DEFAULT_PIPELINE.stages, revision: 0 });
  });

  it('parks a revision of a pipeline that was never defined', async () => {
    await expect(run([pipelineRevised(RENEWALS, withoutQuoted)])).rejects.toThrow(/before the pipeline was defined/);
  });

  it('reads only pipeline streams, and names the pipeline document to prefetch', async () => {
    const [defined, opening] = new EventLog().recordAll([pipelineDefined(RENEWALS), opened()]);
    expect(pipelineDefinitionsProjection.prefetch(defined)).toEqual([{ collection: PIPELINE_DEFINITIONS, id: RENEWALS.pipelineId }]);
    expect(pipelineDefinitionsProjection.prefetch(opening)).toEqual([]);
    expect(pipelineDefinitionsProjection.filter?.categories).toEqual(['pipeline']);
    expect(defined.streamName).toBe(`pipeline-${RENEWALS.pipelineId}`);
  });

  it('gives the same documents when events are applied twice or a batch again', async () => {
    const events = new EventLog().recordAll([pipelineDefined(RENEWALS), pipelineRevised(DEFAULT_PIPELINE, reweighted(DEFAULT_PIPELINE, { NEGOTIATION: 70 })), pipelineRevised(RENEWALS, withoutQuoted), pipelineArchived(RENEWALS)]);
    const once = await new ProjectionTestKit(pipelineDefinitionsProjection).run(events);
    const twice = await new ProjectionTestKit(pipelineDefinitionsProjection).run(events.flatMap((event) => [event, event]));
    expect(twice.snapshot()).toEqual(once.snapshot());
    await twice.run(events.slice(1, 3));
    expect(twice.snapshot()).toEqual(once.snapshot());
  });
});

describe('the default pipeline when its stream is empty', () => {
  it('is added to a list that lacks it, once, first', async () => {
    const kit = await run([pipelineDefined(RENEWALS)]);
    const listed = withDefaultPipeline(kit.docs<PipelineDefinitionDoc>(PIPELINE_DEFINITIONS));
    expect(listed.map((doc) => doc.name)).toEqual(['Sales', 'Renewals']);
    expect(listed[0]).toEqual({ id: DEFAULT_PIPELINE_ID, name: 'Sales', archived: false, stages: DEFAULT_PIPELINE.stages, createdAt: null, updatedAt: null, revision: -1 });
    const revised = await run([pipelineRevised(DEFAULT_PIPELINE, reweighted(DEFAULT_PIPELINE, { PROPOSAL: 40 }))]);
    expect(withDefaultPipeline(revised.docs<PipelineDefinitionDoc>(PIPELINE_DEFINITIONS)).map((doc) => doc.stages[2].probability)).toEqual([40]);
  });

  it('is found by its id; another id without a document is no pipeline', () => {
    expect(pipelineDefinitionDocOf(DEFAULT_PIPELINE_ID, null)).toEqual(defaultPipelineDoc());
    expect(pipelineDefinitionDocOf(RENEWALS.pipelineId, null)).toBeNull();
    const stored = { ...defaultPipelineDoc(), name: 'Direct sales', revision: 3 };
    expect(pipelineDefinitionDocOf(DEFAULT_PIPELINE_ID, stored)).toBe(stored);
    expect(pipelineDefinitionOf(defaultPipelineDoc())).toEqual(DEFAULT_PIPELINE);
  });
});
