import type { ForecastPeriod } from '@crm/application';
import { Money } from '@crm/domain';
import type { ForecastRow } from '@crm/read-models';
import { csvDocument } from './csv-records';
import { byText, describeScope, filterJson, type ReportHeading } from './report-heading';
import { renderTable } from './text-table';

export interface ForecastView extends ReportHeading {
  period: ForecastPeriod;
  /** Close or win dates from (inclusive) and to (exclusive); null: unbounded. */
  from: Date | null;
  to: Date | null;
  rows: readonly ForecastRow[];
}

/** Money as the rows hold it: an exact decimal string per currency. */
type RowMoney = { amount: string; currency: string };

/** One line per currency of a row: what is open (and weighted) and what was won, in that currency. */
type CurrencyLine = { currency: string; amount: string; weighted: string; won: string };

const amountIn = (money: readonly RowMoney[], currency: string): string =>
  money.find((m) => m.currency === currency)?.amount ?? Money.format(Money.zero(currency));

/** Every currency the row holds money in, by code; one it lacks in a list is zero there. */
export const currencyLines = (row: ForecastRow): CurrencyLine[] =>
  [...new Set([...row.amounts, ...row.weightedAmounts, ...row.won].map((m) => m.currency))]
    .sort(byText)
    .map((currency) => ({ currency, amount: amountIn(row.amounts, currency), weighted: amountIn(row.weightedAmounts, currency), won: amountIn(row.won, currency) }));

const between = (view: ForecastView): string => {
  if (view.from === null && view.to === null) return '';
  return `, closing ${view.from ? `from ${view.from.toISOString()} ` : ''}${view.to ? `before ${view.to.toISOString()}` : ''}`.trimEnd();
};

export const forecastTable = (view: ForecastView): string => {
  const title = `Forecast by ${view.period === 'MONTH' ? 'month' : 'quarter'}, ${describeScope(view)}${between(view)}`;
  if (view.rows.length === 0) return `${title}\nNothing open or won in that time.\n`;
  // The period, category and count of a row are printed on its first currency's line only.
  const rows = view.rows.flatMap((row) =>
    currencyLines(row).map((line, i) => [
      i === 0 ? row.period : '', i === 0 ? row.category : '', i === 0 ? String(row.count) : '', line.currency, line.amount, line.weighted, line.won,
    ]));
  const columns = [
    { header: 'period', align: 'left' },
    { header: 'category', align: 'left' },
    { header: 'count', align: 'right' },
    { header: 'currency', align: 'left' },
    { header: 'amount', align: 'right' },
    { header: 'weighted', align: 'right' },
    { header: 'won', align: 'right' },
  ] as const;
  return [title, ...renderTable(columns, rows)].map((line) => `${line}\n`).join('');
};

export const FORECAST_CSV_COLUMNS = ['period', 'category', 'count', 'currency', 'amount', 'weightedAmount', 'won'] as const;

/** One record per row and currency; `count` is the row's open opportunities in every currency together. */
export const forecastCsv = (view: ForecastView): string =>
  csvDocument(
    FORECAST_CSV_COLUMNS,
    view.rows.flatMap((row) => currencyLines(row).map((line) => [row.period, row.category, String(row.count), line.currency, line.amount, line.weighted, line.won])),
  );

const moneyJson = (money: readonly RowMoney[]) =>
  [...money].sort((a, b) => byText(a.currency, b.currency)).map((m) => ({ amount: m.amount, currency: m.currency }));

/** The rows in the order PipelineReports gives them (by period, then forecast category), money by currency. */
export const forecastJson = (view: ForecastView): string =>
  `${JSON.stringify(
    {
      period: view.period,
      from: view.from?.toISOString() ?? null,
      to: view.to?.toISOString() ?? null,
      pipeline: { id: view.pipeline.id, name: view.pipeline.name },
      filter: filterJson(view),
      rows: view.rows.map((row) => ({
        period: row.period, category: row.category, count: row.count,
        amounts: moneyJson(row.amounts), weightedAmounts: moneyJson(row.weightedAmounts), won: moneyJson(row.won),
      })),
    },
    null,
    2,
  )}\n`;
