import { DEFAULT_PIPELINE_ID, Money } from '@crm/domain';
import { assigned, deal, eur, lost, opened, otherDeal, reopened, revised, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog, idOf } from '../testing/event-log.fixtures';
import type { PipelineDoc } from './pipeline-aggregate';
import { atFourGrains, held, runPipeline, sales } from './pipeline-aggregates.fixtures';
import { PIPELINE, PIPELINE_OPPORTUNITIES, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';

const run = runPipeline;
const inSales = (stage: string, owner: string, month: string, currency: string, value: string) => atFourGrains(DEFAULT_PIPELINE_ID, stage, owner, month, currency, value);

describe('pipeline projection', () => {
  it('counts an opened opportunity once at each of the four grains of its pipeline', async () => {
    const kit = await run([opened()]);
    expect(kit.doc(PIPELINE, sales('stage', 'PROSPECTING', 'EUR'))).toEqual({
      id: sales('stage', 'PROSPECTING', 'EUR'),
      grain: 'stage',
      pipelineId: DEFAULT_PIPELINE_ID,
      stage: 'PROSPECTING',
      ownerId: null,
      closeMonth: null,
      currency: 'EUR',
      count: 1,
      amountMinor: 1250000,
      amount: '12500.00',
    });
    expect(held(kit)).toEqual(inSales('PROSPECTING', 'rep-1', '2026-03', 'EUR', '1 12500.00'));
  });

  it('moves the exact amounts to the new stage, leaving emptied aggregates at zero', async () => {
    const small = opened({ opportunityId: otherDeal, amount: eur('0.10'), ownerId: 'rep-2' });
    const kit = await run([opened(), small, stageChanged('PROSPECTING', 'PROPOSAL')]);
    expect(held(kit)).toMatchObject({
      [sales('stage', 'PROSPECTING', 'EUR')]: '1 0.10',
      [sales('stage', 'PROPOSAL', 'EUR')]: '1 12500.00',
      [sales('stage_owner_month', 'PROPOSAL', 'rep-1', '2026-03', 'EUR')]: '1 12500.00',
    });
    const emptied = kit.doc<PipelineDoc>(PIPELINE, sales('stage_owner', 'PROSPECTING', 'rep-1', 'EUR'));
    expect(emptied).toMatchObject({ count: 0, amount: '0.00', amountMinor: 0 });
  });

  it('moves only the owner grains when the opportunity is reassigned', async () => {
    const kit = await run([opened(), assigned('rep-2', 'rep-1')]);
    expect(held(kit)).toEqual(inSales('PROSPECTING', 'rep-2', '2026-03', 'EUR', '1 12500.00'));
    expect(kit.doc(PIPELINE, sales('stage_owner', 'PROSPECTING', 'rep-1', 'EUR'))).toMatchObject({ count: 0 });
  });

  it('moves between months and currencies when amount or close date is revised', async () => {
    const kit = await run([opened(), revised({ expectedCloseDate: '2026-05-02' }), revised({ amount: { amount: '99.99', currency: 'USD' } })]);
    expect(held(kit)).toEqual(inSales('PROSPECTING', 'rep-1', '2026-05', 'USD', '1 99.99'));
  });

  it('counts won and lost in the closing stage reached, and a reopened deal back in its open stage', async () => {
    const second = { opportunityId: otherDeal };
    const kit = await run([
      opened({ stage: 'NEGOTIATION' }),
      opened({ ...second, amount: eur('400.00') }),
      won(eur('12500.00'), 'NEGOTIATION'),
      lost(eur('400.00'), 'PROSPECTING', 'rep-1', second),
    ]);
    expect(held(kit)).toMatchObject({ [sales('stage', 'CLOSED_WON', 'EUR')]: '1 12500.00', [sales('stage', 'CLOSED_LOST', 'EUR')]: '1 400.00' });
    const reopenedKit = await run([opened({ stage: 'NEGOTIATION' }), won(eur('12500.00'), 'NEGOTIATION'), reopened('CLOSED_WON', 'PROPOSAL', eur('12500.00'))]);
    expect(held(reopenedKit)).toEqual(inSales('PROPOSAL', 'rep-1', '2026-03', 'EUR', '1 12500.00'));
  });

  it('ignores events that change nothing it counts, and opportunities it never saw opened', async () => {
    const log = new EventLog();
    const kit = await new ProjectionTestKit(pipelineProjection).run(log.recordAll([opened()]));
    const before = kit.snapshot();
    await kit.run(log.recordAll([revised({ name: 'Renamed' }), stageChanged('PROSPECTING', 'PROPOSAL', { opportunityId: otherDeal })]));
    expect(kit.snapshot()).toEqual(before);
  });

  it('keeps one document per opportunity with its current contribution', async () => {
    const moves = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? stageChanged('PROSPECTING', 'PROPOSAL') : stageChanged('PROPOSAL', 'PROSPECTING')));
    const kit = await run([opened(), ...moves, assigned('rep-2', 'rep-1')]);
    expect(kit.docs(PIPELINE_OPPORTUNITIES)).toEqual([
      { id: deal, pipelineId: DEFAULT_PIPELINE_ID, stage: 'PROSPECTING', ownerId: 'rep-2', closeMonth: '2026-03', currency: 'EUR', amount: '12500.00', amountMinor: 1250000 },
    ]);
    expect(held(kit)).toEqual(inSales('PROSPECTING', 'rep-2', '2026-03', 'EUR', '1 12500.00'));
  });

  it('reads event money as Money does: any accepted spelling, stored as Money formats it', async () => {
    const kit = await run([opened({ amount: { amount: '012500.5', currency: 'eur' } })]);
    expect(kit.doc(PIPELINE, sales('stage', 'PROSPECTING', 'EUR'))).toMatchObject({ amount: '12500.50', amountMinor: 1250050 });
    await expect(run([opened({ amount: { amount: '1.234', currency: 'EUR' } })])).rejects.toThrow(/at most 2 decimals/);
    await expect(run([opened({ amount: { amount: '1', currency: 'XYZ' } })])).rejects.toThrow(/ISO 4217/);
  });

  it('keeps sums exact beyond 2^53 minor units, where amountMinor is only close', async () => {
    const huge = eur('999999999999999.99');
    const third = { opportunityId: idOf('OPPORTUNITY', 3) };
    const log = new EventLog();
    const kit = await new ProjectionTestKit(pipelineProjection).run(
      log.recordAll([opened({ amount: huge }), opened({ opportunityId: otherDeal, amount: eur('0.01') }), opened({ ...third, amount: huge })]),
    );
    const exactSum = Money.format(Money.ofMinor(2n * 99999999999999999n + 1n, 'EUR'));
    expect(kit.doc(PIPELINE, sales('stage', 'PROSPECTING', 'EUR'))).toMatchObject({ count: 3, amount: exactSum, amountMinor: Number(2n * 99999999999999999n + 1n) });
    await kit.run(log.recordAll([stageChanged('PROSPECTING', 'PROPOSAL'), revised({ amount: eur('0.02') }, { opportunityId: otherDeal })]));
    expect(held(kit)).toMatchObject({ [sales('stage', 'PROSPECTING', 'EUR')]: '2 1000000000000000.01', [sales('stage', 'PROPOSAL', 'EUR')]: '1 999999999999999.99' });
    await kit.run(log.recordAll([stageChanged('PROSPECTING', 'PROPOSAL', third)]));
    expect(kit.doc(PIPELINE, sales('stage', 'PROSPECTING', 'EUR'))).toMatchObject({ count: 1, amount: '0.02', amountMinor: 2 });
  });
});
