import { assigned, eur, opened, otherDeal, revised, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import type { PipelineDoc } from './pipeline-aggregate';
import { pipelineFilterFor, pipelineGrainFor, summarisePipeline, type PipelineQuery } from './pipeline-summary';
import { PIPELINE, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';

const third = { opportunityId: '90000000-0000-4000-8000-000000000003' };

async function pipelineOf() {
  const events = new EventLog().recordAll([
    opened(),
    opened({ opportunityId: otherDeal, amount: { amount: '5000', currency: 'JPY' }, ownerId: 'rep-2', expectedCloseDate: '2026-04-10' }),
    opened({ ...third, amount: eur('100.00'), ownerId: 'rep-2', expectedCloseDate: '2026-05-20' }),
    stageChanged('PROSPECTING', 'PROPOSAL'),
    revised({ amount: eur('200.00') }, third),
    won(eur('200.00'), 'PROSPECTING', 'rep-2', third),
    assigned('rep-2', 'rep-1'),
  ]);
  return new ProjectionTestKit(pipelineProjection).run(events);
}

async function answer(query: PipelineQuery) {
  const kit = await pipelineOf();
  return summarisePipeline(kit.find(PIPELINE, pipelineFilterFor(query)) as PipelineDoc[], query);
}

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

  it('filters close dates by the months they touch', () => {
    const query = { ownerId: 'rep-1', closeDateFrom: '2026-03-15', closeDateTo: '2026-04-10', currency: 'EUR' };
    expect(pipelineFilterFor(query)).toEqual({
      grain: 'stage_owner_month',
      ownerId: 'rep-1',
      currency: 'EUR',
      closeMonth: { $gte: '2026-03', $lte: '2026-04' },
    });
  });

  it('lists all six stages in order with exact amounts per currency', async () => {
    const stages = await answer({});
    expect(stages.map(({ stage, probability, count }) => `${stage} ${probability} ${count}`)).toEqual([
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
    expect(stages[1]).toEqual({ stage: 'QUALIFICATION', probability: 20, count: 0, amounts: [], weightedAmounts: [] });
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

  it('never counts an opportunity twice when handed every grain', async () => {
    const kit = await pipelineOf();
    const everything = kit.docs<PipelineDoc>(PIPELINE);
    const total = summarisePipeline(everything).reduce((sum, stage) => sum + stage.count, 0);
    expect(total).toBe(3);
  });
});
