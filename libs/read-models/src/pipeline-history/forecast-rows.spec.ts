import { DEFAULT_PIPELINE } from '@crm/domain';
import type { MoneyDoc } from '../projections/money';
import { forecastRows, type ForecastRow } from './forecast-rows';
import type { ForecastPeriod } from './forecast-periods';
import type { Instant } from './version-match';
import { lost, ms, opportunity, reopened, timelinesOf, won } from './testing/version-docs.fixtures';

const sales = timelinesOf(
  opportunity('a', '2026-01-10', { amount: '0.05', close: '2026-06-15' }),
  opportunity('b', '2026-01-10', { amount: '0.03', stage: 'QUALIFICATION', close: '2026-06-20' }),
  opportunity('c', '2026-01-10', { amount: '1000.00', stage: 'PROPOSAL', close: '2026-07-01' }),
  opportunity('d', '2026-01-10', { amount: '200.00', currency: 'USD', stage: 'NEGOTIATION', close: '2026-06-30' }),
  opportunity('e', '2026-01-10', { amount: '300.00', stage: 'NEGOTIATION', close: '2026-09-15' }, ['2026-05-20', won()]),
  opportunity('f', '2026-02-03', { amount: '70.00', ...won() }),
  opportunity('g', '2026-01-10', { amount: '80.00' }, ['2026-03-01', lost()]),
  opportunity('h', '2026-01-10', { amount: '10.00', stage: 'PROPOSAL', close: '2026-07-15' }, ['2026-04-01', won()], ['2026-04-10', reopened('PROPOSAL')]),
  opportunity('i', '2026-01-10', { amount: '40.00' }, ['2026-03-01', won()], ['2026-03-05', reopened('QUALIFICATION')], ['2026-03-10', won()]),
);

const money = (docs: readonly MoneyDoc[]) => docs.map((doc) => `${doc.amount} ${doc.currency}`).join(', ');
const line = (row: ForecastRow) => `${row.period} ${row.category} ${row.count} [${money(row.amounts)}] [${money(row.weightedAmounts)}] won [${money(row.won)}]`;

const forecast = (options: { at?: Instant; period?: ForecastPeriod; from?: string | null; to?: string | null; currency?: string } = {}) =>
  forecastRows(sales, options.at ?? null, { currency: options.currency }, options.period ?? 'MONTH', options.from ?? null, options.to ?? null, DEFAULT_PIPELINE).map(line);

describe('forecastRows', () => {
  it('sums open deals by close month and category, weighted once per row, and wins by the month won and the stage won from', () => {
    expect(forecast()).toEqual([
      '2026-02 CLOSED 0 [] [] won [70.00 EUR]',
      '2026-03 PIPELINE 0 [] [] won [40.00 EUR]',
      '2026-05 COMMIT 0 [] [] won [300.00 EUR]',
      // 0.05 at 10 % and 0.03 at 20 % are 0.5 and 0.6 cents: one cent together, not one each.
      '2026-06 PIPELINE 2 [0.08 EUR] [0.01 EUR] won []',
      '2026-06 COMMIT 1 [200.00 USD] [160.00 USD] won []',
      '2026-07 BEST_CASE 2 [1010.00 EUR] [505.00 EUR] won []',
    ]);
  });

  it('groups by quarter, categories in forecast order within one', () => {
    expect(forecast({ period: 'QUARTER' })).toEqual([
      '2026-Q1 PIPELINE 0 [] [] won [40.00 EUR]',
      '2026-Q1 CLOSED 0 [] [] won [70.00 EUR]',
      '2026-Q2 PIPELINE 2 [0.08 EUR] [0.01 EUR] won []',
      '2026-Q2 COMMIT 1 [200.00 USD] [160.00 USD] won [300.00 EUR]',
      '2026-Q3 BEST_CASE 2 [1010.00 EUR] [505.00 EUR] won []',
    ]);
  });

  it('bounds close dates and wins from (inclusive) to (exclusive), a date standing for its midnight UTC', () => {
    expect(forecast({ from: '2026-06-20', to: '2026-07-01T00:00:00Z' })).toEqual([
      '2026-06 PIPELINE 1 [0.03 EUR] [0.01 EUR] won []',
      '2026-06 COMMIT 1 [200.00 USD] [160.00 USD] won []',
    ]);
    expect(forecast({ from: '2026-06-20T00:00:01Z', to: '2026-07-01T00:00:01Z' })).toEqual([
      '2026-06 COMMIT 1 [200.00 USD] [160.00 USD] won []',
      '2026-07 BEST_CASE 1 [1000.00 EUR] [500.00 EUR] won []',
    ]);
    expect(forecast({ from: '2026-05-20T12:00:00Z', to: '2026-06-01' })).toEqual(['2026-05 COMMIT 0 [] [] won [300.00 EUR]']);
    expect(forecast({ from: '2026-01-01', to: '2026-05-20T12:00:00Z' })).toEqual(['2026-02 CLOSED 0 [] [] won [70.00 EUR]', '2026-03 PIPELINE 0 [] [] won [40.00 EUR]']);
  });

  it('forecasts as things stood at an earlier instant', () => {
    expect(forecast({ at: ms('2026-03-07') })).toEqual([
      '2026-02 CLOSED 0 [] [] won [70.00 EUR]',
      '2026-06 PIPELINE 3 [40.08 EUR] [8.01 EUR] won []',
      '2026-06 COMMIT 1 [200.00 USD] [160.00 USD] won []',
      '2026-07 BEST_CASE 2 [1010.00 EUR] [505.00 EUR] won []',
      '2026-09 COMMIT 1 [300.00 EUR] [240.00 EUR] won []',
    ]);
  });

  it('keeps to the currency asked for', () => {
    expect(forecast({ currency: 'USD' })).toEqual(['2026-06 COMMIT 1 [200.00 USD] [160.00 USD] won []']);
  });

  it('refuses a bound that is neither a date nor an instant with its offset', () => {
    expect(() => forecast({ from: '2026-06-20T10:00' })).toThrow(RangeError);
    expect(() => forecast({ to: 'next week' })).toThrow(RangeError);
  });
});
