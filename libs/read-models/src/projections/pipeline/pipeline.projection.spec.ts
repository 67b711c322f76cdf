import { Money, type DomainEvent } from '@crm/domain';
import {
  assigned,
  deal,
  eur,
  lost,
  opened,
  otherDeal,
  reopened,
  revised,
  stageChanged,
  won,
} from '../testing/domain-events.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import type { PipelineDoc } from './pipeline-aggregate';
import { PIPELINE, PIPELINE_OPPORTUNITIES, pipelineProjection } from './pipeline.projection';
import { ProjectionTestKit } from '../testing/projection-test-kit';

const run = (events: DomainEvent[]) =>
  new ProjectionTestKit(pipelineProjection).run(new EventLog().recordAll(events));

/** count, amount and weighted amount of the aggregates that hold anything, by id. */
function held(kit: ProjectionTestKit): Record<string, string> {
  const docs = kit.docs<PipelineDoc>(PIPELINE).filter((doc) => doc.count !== 0);
  return Object.fromEntries(docs.map((doc) => [doc.id, `${doc.count} ${doc.amount} ${doc.weightedAmount}`]));
}

describe('pipeline projection', () => {
  it('counts an opened opportunity once at each of the four grains', async () => {
    const kit = await run([opened()]);
    expect(kit.doc(PIPELINE, 'stage|PROSPECTING|EUR')).toEqual({
      id: 'stage|PROSPECTING|EUR',
      grain: 'stage',
      stage: 'PROSPECTING',
      ownerId: null,
      closeMonth: null,
      currency: 'EUR',
      count: 1,
      amount: '12500.00',
      amountMinor: 1250000,
      weightedAmount: '1250.00',
      weightedMinor: 125000,
    });
    expect(held(kit)).toEqual({
      'stage|PROSPECTING|EUR': '1 12500.00 1250.00',
      'stage_owner|PROSPECTING|rep-1|EUR': '1 12500.00 1250.00',
      'stage_month|PROSPECTING|2026-03|EUR': '1 12500.00 1250.00',
      'stage_owner_month|PROSPECTING|rep-1|2026-03|EUR': '1 12500.00 1250.00',
    });
  });

  it('moves the exact amounts to the new stage, leaving emptied aggregates at zero', async () => {
    const small = opened({ opportunityId: otherDeal, amount: eur('0.10'), ownerId: 'rep-2' });
    const kit = await run([opened(), small, stageChanged('PROSPECTING', 'PROPOSAL')]);
    expect(held(kit)).toMatchObject({
      'stage|PROSPECTING|EUR': '1 0.10 0.01',
      'stage|PROPOSAL|EUR': '1 12500.00 6250.00',
      'stage_owner_month|PROPOSAL|rep-1|2026-03|EUR': '1 12500.00 6250.00',
    });
    const emptied = kit.doc<PipelineDoc>(PIPELINE, 'stage_owner|PROSPECTING|rep-1|EUR');
    expect(emptied).toMatchObject({ count: 0, amount: '0.00', amountMinor: 0, weightedAmount: '0.00', weightedMinor: 0 });
  });

  it('moves only the owner grains when the opportunity is reassigned', async () => {
    const kit = await run([opened(), assigned('rep-2', 'rep-1')]);
    expect(Object.keys(held(kit)).sort()).toEqual([
      'stage_month|PROSPECTING|2026-03|EUR',
      'stage_owner_month|PROSPECTING|rep-2|2026-03|EUR',
      'stage_owner|PROSPECTING|rep-2|EUR',
      'stage|PROSPECTING|EUR',
    ]);
  });

  it('moves between months and currencies when amount or close date is revised', async () => {
    const kit = await run([
      opened(),
      revised({ expectedCloseDate: '2026-05-02' }),
      revised({ amount: { amount: '99.99', currency: 'USD' } }),
    ]);
    expect(held(kit)).toEqual({
      'stage|PROSPECTING|USD': '1 99.99 10.00',
      'stage_owner|PROSPECTING|rep-1|USD': '1 99.99 10.00',
      'stage_month|PROSPECTING|2026-05|USD': '1 99.99 10.00',
      'stage_owner_month|PROSPECTING|rep-1|2026-05|USD': '1 99.99 10.00',
    });
  });

  it('counts won at 100%, lost at 0%, and a reopened deal back in its open stage', async () => {
    const second = { opportunityId: otherDeal };
    const kit = await run([
      opened({ stage: 'NEGOTIATION' }),
      opened({ ...second, amount: eur('400.00') }),
      won(eur('12500.00'), 'NEGOTIATION'),
      lost(eur('400.00'), 'PROSPECTING', 'rep-1', second),
    ]);
    expect(held(kit)).toMatchObject({ 'stage|CLOSED_WON|EUR': '1 12500.00 12500.00', 'stage|CLOSED_LOST|EUR': '1 400.00 0.00' });
    const reopenedKit = await run([
      opened({ stage: 'NEGOTIATION' }),
      won(eur('12500.00'), 'NEGOTIATION'),
      reopened('CLOSED_WON', 'PROPOSAL', eur('12500.00')),
    ]);
    expect(held(reopenedKit)).toEqual({
      'stage|PROPOSAL|EUR': '1 12500.00 6250.00',
      'stage_owner|PROPOSAL|rep-1|EUR': '1 12500.00 6250.00',
      'stage_month|PROPOSAL|2026-03|EUR': '1 12500.00 6250.00',
      'stage_owner_month|PROPOSAL|rep-1|2026-03|EUR': '1 12500.00 6250.00',
    });
  });

  it('rounds each weighted amount half up before summing', async () => {
    const kit = await run([opened({ amount: eur('0.05') }), opened({ opportunityId: otherDeal, amount: eur('0.05') })]);
    expect(kit.doc(PIPELINE, 'stage|PROSPECTING|EUR')).toMatchObject({ amount: '0.10', weightedAmount: '0.02', weightedMinor: 2 });
  });

  it('ignores events that change nothing it counts, and opportunities it never saw opened', async () => {
    const log = new EventLog();
    const kit = await new ProjectionTestKit(pipelineProjection).run(log.recordAll([opened()]));
    const before = kit.snapshot();
    await kit.run(log.recordAll([revised({ name: 'Renamed' }), stageChanged('PROSPECTING', 'PROPOSAL', { opportunityId: otherDeal })]));
    expect(kit.snapshot()).toEqual(before);
  });

  it('keeps one document per opportunity with its current contribution', async () => {
    const moves = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? stageChanged('PROSPECTING', 'PROPOSAL') : stageChanged('PROPOSAL', 'PROSPECTING'),
    );
    const kit = await run([opened(), ...moves, assigned('rep-2', 'rep-1')]);
    expect(kit.docs(PIPELINE_OPPORTUNITIES)).toEqual([
      {
        id: deal,
        stage: 'PROSPECTING',
        ownerId: 'rep-2',
        closeMonth: '2026-03',
        currency: 'EUR',
        amount: '12500.00',
        amountMinor: 1250000,
        weightedAmount: '1250.00',
        weightedMinor: 125000,
      },
    ]);
    expect(held(kit)).toEqual({
      'stage|PROSPECTING|EUR': '1 12500.00 1250.00',
      'stage_owner|PROSPECTING|rep-2|EUR': '1 12500.00 1250.00',
      'stage_month|PROSPECTING|2026-03|EUR': '1 12500.00 1250.00',
      'stage_owner_month|PROSPECTING|rep-2|2026-03|EUR': '1 12500.00 1250.00',
    });
  });

  it('reads event money as Money does: any accepted spelling, stored as Money formats it', async () => {
    const kit = await run([opened({ amount: { amount: '012500.5', currency: 'eur' } })]);
    expect(kit.doc(PIPELINE, 'stage|PROSPECTING|EUR')).toMatchObject({ amount: '12500.50', amountMinor: 1250050, weightedAmount: '1250.05' });
    await expect(run([opened({ amount: { amount: '1.234', currency: 'EUR' } })])).rejects.toThrow(/at most 2 decimals/);
    await expect(run([opened({ amount: { amount: '1', currency: 'XYZ' } })])).rejects.toThrow(/ISO 4217/);
  });

  it('keeps sums exact beyond 2^53 minor units, where amountMinor is only close', async () => {
    const huge = eur('999999999999999.99');
    const log = new EventLog();
    const kit = await new ProjectionTestKit(pipelineProjection).run(
      log.recordAll([
        opened({ amount: huge }),
        opened({ opportunityId: otherDeal, amount: eur('0.01') }),
        opened({ opportunityId: '90000000-0000-4000-8000-000000000003', amount: huge }),
      ]),
    );
    const exactSum = Money.format(Money.ofMinor(2n * 99999999999999999n + 1n, 'EUR'));
    expect(kit.doc(PIPELINE, 'stage|PROSPECTING|EUR')).toMatchObject({
      count: 3,
      amount: exactSum,
      amountMinor: Number(2n * 99999999999999999n + 1n),
      weightedAmount: '200000000000000.00',
    });
    await kit.run(log.recordAll([stageChanged('PROSPECTING', 'PROPOSAL'), revised({ amount: eur('0.02') }, { opportunityId: otherDeal })]));
    expect(held(kit)).toMatchObject({
      'stage|PROSPECTING|EUR': '2 1000000000000000.01 100000000000000.00',
      'stage|PROPOSAL|EUR': '1 999999999999999.99 500000000000000.00',
    });
    await kit.run(log.recordAll([stageChanged('PROSPECTING', 'PROPOSAL', { opportunityId: '90000000-0000-4000-8000-000000000003' })]));
    expect(kit.doc(PIPELINE, 'stage|PROSPECTING|EUR')).toMatchObject({ count: 1, amount: '0.02', amountMinor: 2, weightedMinor: 0 });
  });
});

describe('pipeline projection replays', () => {
  const history: DomainEvent[] = [
    opened(),
    opened({ opportunityId: otherDeal, amount: eur('300.00'), ownerId: 'rep-2' }),
    stageChanged('PROSPECTING', 'QUALIFICATION'),
    revised({ amount: eur('13000.00'), expectedCloseDate: '2026-04-15' }),
    assigned('rep-3', 'rep-1'),
    stageChanged('QUALIFICATION', 'NEGOTIATION'),
    won(eur('13000.00'), 'NEGOTIATION', 'rep-3'),
    reopened('CLOSED_WON', 'PROPOSAL', eur('13000.00')),
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
