import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from '@crm/domain';
import { acme, assigned, deal, eur, lost, opened, otherDeal, reopened, revised, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog, type LoggedEvent } from '../testing/event-log.fixtures';
import { PARTNERS, RENEWALS, movedToPipeline, pipelineArchived, pipelineDefined, pipelineRevised, reweighted } from '../testing/pipeline-events.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { aggregateIn, atFourGrains, held, runPipeline, sales } from './pipeline-aggregates.fixtures';
import { PIPELINE, PIPELINE_OPPORTUNITIES, pipelineProjection } from './pipeline.projection';

const renewals = RENEWALS.pipelineId;
const toRenewals = (fromStage: string, toStage: string, opportunityId = deal): LoggedEvent =>
  movedToPipeline({ opportunityId, accountId: acme, from: DEFAULT_PIPELINE, to: RENEWALS, fromStage, toStage });

describe('pipeline projection, several pipelines', () => {
  it('counts each opportunity in its own pipeline, the same stage key of two pipelines apart', async () => {
    const elsewhere = 'f0000000-0000-4000-8000-0000000000ff';
    const kit = await runPipeline([
      opened(),
      opened({ opportunityId: otherDeal, pipelineId: elsewhere, amount: eur('10.00') }),
    ]);
    expect(held(kit)).toEqual({
      ...atFourGrains(DEFAULT_PIPELINE_ID, 'PROSPECTING', 'rep-1', '2026-03', 'EUR', '1 12500.00'),
      ...atFourGrains(elsewhere, 'PROSPECTING', 'rep-1', '2026-03', 'EUR', '1 10.00'),
    });
  });

  it('moves the contribution between pipelines at every grain when an opportunity moves', async () => {
    const kit = await runPipeline([opened(), stageChanged('PROSPECTING', 'PROPOSAL'), toRenewals('PROPOSAL', 'CONTACTED')]);
    expect(held(kit)).toEqual(atFourGrains(renewals, 'CONTACTED', 'rep-1', '2026-03', 'EUR', '1 12500.00'));
    expect(kit.doc(PIPELINE, sales('stage_owner_month', 'PROPOSAL', 'rep-1', '2026-03', 'EUR'))).toMatchObject({ count: 0, amount: '0.00' });
    expect(kit.doc(PIPELINE_OPPORTUNITIES, deal)).toMatchObject({ pipelineId: renewals, stage: 'CONTACTED' });
  });

  it("follows a moved opportunity through the new pipeline's stages, closing and reopening there", async () => {
    const kit = await runPipeline([
      opened(),
      opened({ opportunityId: otherDeal, pipelineId: PARTNERS.pipelineId, stage: 'SOURCED', amount: eur('80.00') }),
      toRenewals('PROSPECTING', 'DUE'),
      stageChanged('DUE', 'AGREED'),
      assigned('rep-2', 'rep-1'),
      won(eur('12500.00'), 'AGREED', 'rep-2', undefined, 'RENEWED'),
      lost(eur('80.00'), 'SOURCED', 'rep-1', { opportunityId: otherDeal }, 'NO_DECISION'),
    ]);
    expect(held(kit)).toEqual({
      ...atFourGrains(renewals, 'RENEWED', 'rep-2', '2026-03', 'EUR', '1 12500.00'),
      ...atFourGrains(PARTNERS.pipelineId, 'NO_DECISION', 'rep-1', '2026-03', 'EUR', '1 80.00'),
    });
    const reopenedKit = await runPipeline([opened(), toRenewals('PROSPECTING', 'DUE'), won(eur('12500.00'), 'DUE', 'rep-1', undefined, 'RENEWED'), reopened('RENEWED', 'QUOTED', eur('12500.00'))]);
    expect(held(reopenedKit)).toEqual(atFourGrains(renewals, 'QUOTED', 'rep-1', '2026-03', 'EUR', '1 12500.00'));
  });

  it('does no work for a pipeline being defined, re-weighted or archived: its sums carry no probability', async () => {
    const log = new EventLog();
    const kit = await new ProjectionTestKit(pipelineProjection).run(log.recordAll([pipelineDefined(RENEWALS), opened(), toRenewals('PROSPECTING', 'QUOTED')]));
    const before = kit.snapshot();
    const revision = log.recordAll([
      pipelineRevised(RENEWALS, reweighted(RENEWALS, { QUOTED: 75 })),
      pipelineRevised(DEFAULT_PIPELINE, reweighted(DEFAULT_PIPELINE, { PROSPECTING: 5 })),
      pipelineArchived(RENEWALS),
    ]);
    expect(revision.map((event) => pipelineProjection.prefetch(event))).toEqual([[], [], []]);
    await kit.run(revision);
    expect(kit.snapshot()).toEqual(before);
    expect(kit.doc(PIPELINE, aggregateIn(renewals, 'stage', 'QUOTED', 'EUR'))).toMatchObject({ count: 1, amount: '12500.00' });
  });
});

describe('pipeline projection replays', () => {
  const history: LoggedEvent[] = [
    opened(),
    opened({ opportunityId: otherDeal, amount: eur('300.00'), ownerId: 'rep-2' }),
    stageChanged('PROSPECTING', 'QUALIFICATION'),
    revised({ amount: eur('13000.00'), expectedCloseDate: '2026-04-15' }),
    assigned('rep-3', 'rep-1'),
    toRenewals('QUALIFICATION', 'QUOTED'),
    stageChanged('QUOTED', 'AGREED'),
    won(eur('13000.00'), 'AGREED', 'rep-3', undefined, 'RENEWED'),
    reopened('RENEWED', 'QUOTED', eur('13000.00')),
    lost(eur('300.00'), 'PROSPECTING', 'rep-2', { opportunityId: otherDeal }),
  ];

  it('gives the same documents when every event is applied twice', async () => {
    const events = new EventLog().recordAll(history);
    const once = await new ProjectionTestKit(pipelineProjection).run(events);
    const twice = await new ProjectionTestKit(pipelineProjection).run(events.flatMap((event) => [event, event]));
    await twice.run(events);
    expect(twice.snapshot()).toEqual(once.snapshot());
  });

  it('changes nothing when a batch it applied is applied again', async () => {
    const events = new EventLog().recordAll(history);
    const kit = await new ProjectionTestKit(pipelineProjection).run(events);
    const applied = kit.snapshot();
    await kit.run(events.slice(2, 8));
    await kit.run(events);
    expect(kit.snapshot()).toEqual(applied);
  });
});
