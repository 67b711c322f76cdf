import { forecastCsv, forecastJson, forecastTable, type ForecastView } from './forecast-output';
import { heading } from '../testing/report-fixtures';
import type { ForecastRow } from '@crm/read-models';

/** Money as a row holds it; the tests read only the decimal string and the currency. */
const money = (amount: string, currency: string) => ({ amount, currency, amountMinor: Number(amount.replace('.', '')) });

/** Money as the JSON shows it: the decimal string and the currency, as the API's Money type. */
const shown = (amount: string, currency: string) => ({ amount, currency });

const ROWS: ForecastRow[] = [
  { period: '2026-03', category: 'PIPELINE', count: 3, amounts: [money('12000.00', 'EUR'), money('500.00', 'USD')], weightedAmounts: [money('1200.00', 'EUR'), money('50.00', 'USD')], won: [] },
  { period: '2026-03', category: 'COMMIT', count: 0, amounts: [], weightedAmounts: [], won: [money('7500.00', 'EUR')] },
  { period: '2026-04', category: 'BEST_CASE', count: 1, amounts: [money('250000', 'JPY')], weightedAmounts: [money('125000', 'JPY')], won: [money('99.99', 'EUR')] },
];

const view = (rows: ForecastRow[], overrides: Partial<ForecastView> = {}): ForecastView => ({
  ...heading(), period: 'MONTH', from: null, to: null, rows, ...overrides,
});

describe('the forecast as a table', () => {
  it('prints a line per currency of each row, the period, category and count on its first line, money right-aligned', () => {
    expect(forecastTable(view(ROWS)).trimEnd().split('\n')).toEqual([
      'Forecast by month, pipeline Sales (00000000-0000-4000-8000-000000000001)',
      'period   category   count  currency    amount  weighted      won',
      '2026-03  PIPELINE       3  EUR       12000.00   1200.00     0.00',
      '                           USD         500.00     50.00     0.00',
      '2026-03  COMMIT         0  EUR           0.00      0.00  7500.00',
      '2026-04  BEST_CASE      1  EUR           0.00      0.00    99.99',
      '                           JPY         250000    125000        0',
    ]);
  });

  it('names the period kind, the filter and the dates in its title, and says so when there is nothing', () => {
    const text = forecastTable(view([], { period: 'QUARTER', ownerId: 'rep-2', from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }));
    expect(text).toBe(
      'Forecast by quarter, pipeline Sales (00000000-0000-4000-8000-000000000001), owner rep-2, closing from 2026-01-01T00:00:00.000Z before 2027-01-01T00:00:00.000Z\n' +
        'Nothing open or won in that time.\n',
    );
    expect(forecastTable(view([], { to: new Date('2027-01-01T00:00:00Z') }))).toContain('), closing before 2027-01-01T00:00:00.000Z\n');
  });
});

describe('the forecast as CSV', () => {
  it('writes one record per row and currency, with zero where the row has no money of that kind', () => {
    expect(forecastCsv(view(ROWS)).split('\r\n')).toEqual([
      'period,category,count,currency,amount,weightedAmount,won',
      '2026-03,PIPELINE,3,EUR,12000.00,1200.00,0.00',
      '2026-03,PIPELINE,3,USD,500.00,50.00,0.00',
      '2026-03,COMMIT,0,EUR,0.00,0.00,7500.00',
      '2026-04,BEST_CASE,1,EUR,0.00,0.00,99.99',
      '2026-04,BEST_CASE,1,JPY,250000,125000,0',
      '',
    ]);
  });
});

describe('the forecast as JSON', () => {
  it('keeps the rows in order with money per currency, and the query it answers', () => {
    const json = JSON.parse(forecastJson(view(ROWS, { period: 'QUARTER', from: new Date('2026-01-01T00:00:00Z'), currency: 'EUR' })));
    expect(json).toMatchObject({
      period: 'QUARTER', from: '2026-01-01T00:00:00.000Z', to: null,
      pipeline: { id: '00000000-0000-4000-8000-000000000001', name: 'Sales' },
      filter: { ownerId: null, currency: 'EUR', closeFrom: null, closeTo: null },
    });
    expect(json.rows[0]).toEqual({
      period: '2026-03', category: 'PIPELINE', count: 3,
      amounts: [shown('12000.00', 'EUR'), shown('500.00', 'USD')], weightedAmounts: [shown('1200.00', 'EUR'), shown('50.00', 'USD')], won: [],
    });
    expect(json.rows.map((row: ForecastRow) => `${row.period} ${row.category}`)).toEqual(['2026-03 PIPELINE', '2026-03 COMMIT', '2026-04 BEST_CASE']);
  });

  it('prints money by currency whatever order the answer held it in', () => {
    const reordered = ROWS.map((row) => ({ ...row, amounts: [...row.amounts].reverse(), weightedAmounts: [...row.weightedAmounts].reverse() }));
    expect(forecastJson(view(reordered))).toBe(forecastJson(view(ROWS)));
  });
});
