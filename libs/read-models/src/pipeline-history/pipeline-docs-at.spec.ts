import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from '@crm/domain';
import { summarisePipeline, type PipelineQuery } from '../projections/pipeline';
import { RENEWALS } from '../projections/testing/pipeline-events.fixtures';
import { pipelineDocsAt } from './pipeline-docs-at';
import type { Instant } from './version-match';
import { lost, ms, opportunity, timelinesOf, won } from './testing/version-docs.fixtures';

const sales = timelinesOf(
  opportunity('a', '2026-01-10', { close: '2026-03-15' }, ['2026-02-10', { stage: 'PROPOSAL' }], ['2026-03-10', won()]),
  opportunity('b', '2026-01-20', { amount: '5000', currency: 'JPY', ownerId: 'rep-2', close: '2026-04-10' }, ['2026-02-15', { ownerId: 'rep-1' }]),
  opportunity('c', '2026-02-01', { ownerId: 'rep-2', close: '2026-05-20' }, ['2026-02-20', { amount: '200.00' }], ['2026-03-01', lost()]),
  opportunity('d', '2026-01-05', { amount: '50.00' }, ['2026-02-05', { pipelineId: RENEWALS.pipelineId, stage: 'DUE' }]),
);

/** The aggregates as "id: count amount", the way the read model would hold them. */
const held = (at: Instant, query: PipelineQuery = {}) =>
  Object.fromEntries(pipelineDocsAt(sales, at, query).map((doc) => [doc.id, `${doc.count} ${doc.amount}`]));

const february = ms('2026-02-12');
const P = DEFAULT_PIPELINE_ID;

describe('pipelineDocsAt', () => {
  it('writes the aggregates as the pipeline read model writes them', () => {
    expect(pipelineDocsAt(sales, february, { currency: 'JPY' })).toEqual([
      { id: `stage|${P}|PROSPECTING|JPY`, grain: 'stage', pipelineId: P, stage: 'PROSPECTING', ownerId: null, closeMonth: null, currency: 'JPY', count: 1, amountMinor: 5000, amount: '5000' },
    ]);
  });

  it('counts each opportunity at the stage it had then, in the pipeline it was in then', () => {
    expect(held(february)).toEqual({
      [`stage|${P}|PROPOSAL|EUR`]: '1 100.00',
      [`stage|${P}|PROSPECTING|EUR`]: '1 100.00',
      [`stage|${P}|PROSPECTING|JPY`]: '1 5000',
    });
    expect(held(new Date('2026-01-01T00:00:00Z'))).toEqual({});
    expect(held(february, { pipelineId: RENEWALS.pipelineId })).toEqual({ [`stage|${RENEWALS.pipelineId}|DUE|EUR`]: '1 50.00' });
  });

  it('holds the won and the lost at the stages they closed at, as the live pipeline does', () => {
    expect(held(null)).toEqual({
      [`stage|${P}|CLOSED_WON|EUR`]: '1 100.00',
      [`stage|${P}|CLOSED_LOST|EUR`]: '1 200.00',
      [`stage|${P}|PROSPECTING|JPY`]: '1 5000',
    });
  });

  it('splits by owner then only for the owner asked about, and by close month for a close range', () => {
    expect(held(february, { ownerId: 'rep-1' })).toEqual({ [`stage_owner|${P}|PROPOSAL|rep-1|EUR`]: '1 100.00' });
    expect(held(february, { closeDateFrom: '2026-04-30' })).toEqual({
      [`stage_month|${P}|PROSPECTING|2026-04|JPY`]: '1 5000',
      [`stage_month|${P}|PROSPECTING|2026-05|EUR`]: '1 100.00',
    });
    expect(held(february, { ownerId: 'rep-2', closeDateTo: '2026-04-01' })).toEqual({ [`stage_owner_month|${P}|PROSPECTING|rep-2|2026-04|JPY`]: '1 5000' });
  });

  it('summarises into the pipeline as it stood then', () => {
    const stages = summarisePipeline(pipelineDocsAt(sales, february, {}), DEFAULT_PIPELINE, {});
    expect(stages.map(({ stage, count, amounts, weightedAmounts }) => [stage, count, amounts.map((m) => `${m.amount} ${m.currency}`), weightedAmounts.map((m) => m.amount)])).toEqual([
      ['PROSPECTING', 2, ['100.00 EUR', '5000 JPY'], ['10.00', '500']],
      ['QUALIFICATION', 0, [], []],
      ['PROPOSAL', 1, ['100.00 EUR'], ['50.00']],
      ['NEGOTIATION', 0, [], []],
      ['CLOSED_WON', 0, [], []],
      ['CLOSED_LOST', 0, [], []],
    ]);
  });
});
