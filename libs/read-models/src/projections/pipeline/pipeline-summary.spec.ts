import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, type PipelineDefinition } from '@crm/domain';
import { acme, assigned, eur, lost, opened, otherDeal, revised, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import { RENEWALS, movedToPipeline, reweighted } from '../testing/pipeline-events.fixtures';
import type { PipelineDoc } from './pipeline-aggregate';
import { pipelineFilterFor, pipelineGrainFor, summarisePipeline, type PipelineQuery } from './pipeline-summary';
import { PIPELINE, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';

const third = { opportunityId: idOf('OPPORTUNITY', 3) };
const renewal = { opportunityId: idOf('OPPORTUNITY', 4) };
const churned = { opportunityId: idOf('OPPORTUNITY', 5) };

async function pipelineOf() {
  const events = new EventLog().recordAll([
    opened(),
    opened({ opportunityId: otherDeal, amount: { amount: '5000', currency: 'JPY' }, ownerId: 'rep-2', expectedCloseDate: '2026-04-10' }),
    opened({ ...third, amount: eur('100.00'), ownerId: 'rep-2', expectedCloseDate: '2026-05-20' }),
    stageChanged('PROSPECTING', 'PROPOSAL'),
    revised({ amount: eur('200.00') }, third),
    won(eur('200.00'), 'PROSPECTING', 'rep-2', third),
    assigned('rep-2', 'rep-1'),
    opened({ ...renewal, pipelineId: RENEWALS.pipelineId, stage: 'QUOTED', amount: eur('1000.00') }),
    opened({ ...churned, amount: eur('50.00') }),
    movedToPipeline({ ...churned, accountId: acme, from: DEFAULT_PIPELINE, to: RENEWALS, fromStage: 'PROSPECTING', toStage: 'DUE' }),
    lost(eur('50.00'), 'DUE', 'rep-1', churned, 'CHURNED'),
  ]);
  return new ProjectionTestKit(pipelineProjection).run(events);
}

async function answer(query: PipelineQuery, definition: PipelineDefinition = DEFAULT_PIPELINE) {
  const kit = await pipelineOf();
  return summarisePipeline(kit.find(PIPELINE, pipelineFilterFor(query)) as PipelineDoc[], definition, query);
}

const line = ({ stage, probability, count }: { stage: string; probability: number; count: number }): string => `${stage} ${probability} ${count}`;

describe('pipeline summary', () => {
  it.each<[PipelineQuery, string]>([
    [{}, 'stage'],
    [{ currency: 'EUR' }, 'stage'],
    [{ ownerId: 'rep-1' }, 'stage_owner'],
    [{ closeDateFrom: '2026-04-01' }, 'stage_month'],
    [{ ownerId: 'rep-1', closeDateTo: '2026-04-30', currency: 'EUR' }, 'stage_owner_month'],
  ])('answers %j from the %s grain', (query, grain) => {
    expect(pipelineGrainFor(query)).toBe(grain);
  });

  it('filters by pipeline, the default one unless given, and close dates by the months they touch', () => {
    const query = { ownerId: 'rep-1', closeDateFrom: '2026-03-15', closeDateTo: '2026-04-10', currency: 'EUR' };
    expect(pipelineFilterFor(query)).toEqual({
      grain: 'stage_owner_month',
      pipelineId: DEFAULT_PIPELINE_ID,
      ownerId: 'rep-1',
      currency: 'EUR',
      closeMonth: { $gte: '2026-03', $lte: '2026-04' },
    });
    expect(pipelineFilterFor({ pipelineId: RENEWALS.pipelineId })).toEqual({ grain: 'stage', pipelineId: RENEWALS.pipelineId });
  });

  it("lists the definition's stages in order with their words and exact amounts per currency", async () => {
    const stages = await answer({});
    expect(stages.map(line)).toEqual([
      'PROSPECTING 10 1',
      'QUALIFICATION 20 0',
      'PROPOSAL 50 1',
      'NEGOTIATION 80 0',
      'CLOSED_WON 100 1',
      'CLOSED_LOST 0 0',
    ]);
    expect(stages[0].amounts).toEqual([{ amount: '5000', currency: 'JPY', amountMinor: 5000 }]);
    expect(stages[0].weightedAmounts).toEqual([{ amount: '500', currency: 'JPY', amountMinor: 500 }]);
    expect(stages[2].weightedAmounts).toEqual([{ amount: '6250.00', currency: 'EUR', amountMinor: 625000 }]);
    expect(stages[4].amounts).toEqual([{ amount: '200.00', currency: 'EUR', amountMinor: 20000 }]);
    expect(stages[1]).toEqual({
      stage: 'QUALIFICATION', name: 'Qualification', kind: 'OPEN', forecastCategory: 'PIPELINE', probability: 20, count: 0, amounts: [], weightedAmounts: [],
    });
    expect(stages[4]).toMatchObject({ name: 'Closed won', kind: 'WON', forecastCategory: 'CLOSED' });
  });

  it("answers another pipeline from its own aggregates, opportunities moved into it included", async () => {
    const stages = await answer({ pipelineId: RENEWALS.pipelineId }, RENEWALS);
    expect(stages.map(line)).toEqual(['DUE 30 0', 'CONTACTED 40 0', 'QUOTED 60 1', 'AGREED 90 0', 'RENEWED 100 0', 'CHURNED 0 1']);
    expect(stages[2]).toMatchObject({ name: 'Quote sent', amounts: [{ amount: '1000.00' }], weightedAmounts: [{ amount: '600.00' }] });
    expect(stages[5].amounts).toEqual([{ amount: '50.00', currency: 'EUR', amountMinor: 5000 }]);
  });

  it('weights each stage by its probability as defined now, rounding each currency sum once', async () => {
    const kit = await new ProjectionTestKit(pipelineProjection).run(
      new EventLog().recordAll([opened({ amount: eur('0.05') }), opened({ opportunityId: otherDeal, amount: eur('0.05') })]),
    );
    const docs = kit.find(PIPELINE, pipelineFilterFor({})) as PipelineDoc[];
    expect(summarisePipeline(docs, DEFAULT_PIPELINE)[0]).toMatchObject({ amounts: [{ amount: '0.10' }], weightedAmounts: [{ amount: '0.01', amountMinor: 1 }] });
    const stages = summarisePipeline(docs, reweighted(DEFAULT_PIPELINE, { PROSPECTING: 25 }));
    expect(stages[0]).toMatchObject({ probability: 25, weightedAmounts: [{ amount: '0.03', amountMinor: 3 }] });
  });

  it('puts keys the definition no longer has after its stages, by key, weighted at nothing', async () => {
    const withoutProposal = { ...DEFAULT_PIPELINE, stages: DEFAULT_PIPELINE.stages.filter((s) => s.key !== 'PROPOSAL') };
    const stages = await answer({}, withoutProposal);
    expect(stages.map(line)).toEqual([
      'PROSPECTING 10 1',
      'QUALIFICATION 20 0',
      'NEGOTIATION 80 0',
      'CLOSED_WON 100 1',
      'CLOSED_LOST 0 0',
      'PROPOSAL 0 1',
    ]);
    expect(stages[5]).toEqual({
      stage: 'PROPOSAL',
      name: 'PROPOSAL',
      kind: 'OPEN',
      forecastCategory: 'OMITTED',
      probability: 0,
      count: 1,
      amounts: [{ amount: '12500.00', currency: 'EUR', amountMinor: 1250000 }],
      weightedAmounts: [{ amount: '0.00', currency: 'EUR', amountMinor: 0 }],
    });
  });

  it('answers owner, month and currency filters from the finer grains', async () => {
    const byOwner = await answer({ ownerId: 'rep-2', currency: 'EUR' });
    expect(byOwner.filter((s) => s.count > 0).map((s) => [s.stage, s.amounts[0].amount])).toEqual([
      ['PROPOSAL', '12500.00'],
      ['CLOSED_WON', '200.00'],
    ]);
    const april = await answer({ closeDateFrom: '2026-04-01', closeDateTo: '2026-04-30' });
    expect(april.filter((s) => s.count > 0).map((s) => s.stage)).toEqual(['PROSPECTING']);
  });

  it('never counts an opportunity twice, nor one of another pipeline, when handed every document', async () => {
    const kit = await pipelineOf();
    const everything = kit.docs<PipelineDoc>(PIPELINE);
    const count = (definition: PipelineDefinition) => summarisePipeline(everything, definition).reduce((sum, stage) => sum + stage.count, 0);
    expect([count(DEFAULT_PIPELINE), count(RENEWALS)]).toEqual([3, 2]);
  });
});
