import { FORECAST_CATEGORIES, type ForecastCategory, type PipelineDefinition, type PipelineStageDefinition } from '@crm/domain';
import type { MoneyDoc } from '../projections/money';
import { pipelineIdOf, type PipelineQuery } from '../projections/pipeline';
import { stageOrUnknown } from '../projections/pipeline-definitions/stage-lookup';
import { ExactSum, moneyDocsByCurrency } from './exact-money';
import { boundOf, DateWindow, Periods, type ForecastPeriod } from './forecast-periods';
import { OPEN, pipelineColumns, WON, type PipelineColumns } from './pipeline-columns';
import type { Timelines } from './timeline.types';
import { epochOf, VersionMatch, type Instant } from './version-match';

export type ForecastRow = {
  period: string;
  category: ForecastCategory;
  count: number;
  amounts: MoneyDoc[];
  weightedAmounts: MoneyDoc[];
  won: MoneyDoc[];
};

/** Sums by period, a stage (open: its own; won: the one won from) and currency; weights and categories follow the stage. */
type Sum = { period: number; stage: number; currency: number; count: number; sum: ExactSum };

class Sums {
  readonly byKey = new Map<number, Sum>();

  constructor(private readonly columns: PipelineColumns) {}

  add(period: number, stage: number, i: number): void {
    const stages = this.columns.stages.values.length;
    const currencies = this.columns.currencies.values.length;
    const currency = this.columns.currency[i];
    const key = (period * stages + stage) * currencies + currency;
    let sum = this.byKey.get(key);
    if (sum === undefined) this.byKey.set(key, (sum = { period, stage, currency, count: 0, sum: new ExactSum() }));
    sum.count++;
    sum.sum.addVersion(this.columns, i);
  }
}

/** The version that won opportunity `k`, won at version `i`: the first of its last run of WON versions. */
function winOf(columns: PipelineColumns, k: number, i: number): number {
  let first = i;
  while (first > columns.first[k] && columns.status[first - 1] === WON) first--;
  return first;
}

/** The stage an opportunity was won from: the one before its winning version, or that version's own when it was opened won. */
const wonFrom = (columns: PipelineColumns, k: number, win: number): number => columns.stage[win > columns.first[k] ? win - 1 : win];

type RowTally = { count: number; amounts: Map<string, bigint>; weighted: Map<string, bigint>; won: Map<string, bigint> };

const emptyRow = (): RowTally => ({ count: 0, amounts: new Map(), weighted: new Map(), won: new Map() });
const plus = (totals: Map<string, bigint>, currency: string, minor: bigint) => totals.set(currency, (totals.get(currency) ?? 0n) + minor);
/** `Money.multiplyByPercent` applied once to a row's sum of amount x percent (hundredths of minor units). */
const rounded = (hundredths: bigint): bigint => (hundredths + (hundredths < 0n ? -50n : 50n)) / 100n;

function rowsOf(open: Sums, won: Sums, columns: PipelineColumns, stageOf: (code: number) => PipelineStageDefinition, periods: Periods): ForecastRow[] {
  const rows = new Map<number, Map<ForecastCategory, RowTally>>();
  const rowOf = (period: number, category: ForecastCategory) => {
    let categories = rows.get(period);
    if (categories === undefined) rows.set(period, (categories = new Map()));
    let row = categories.get(category);
    if (row === undefined) categories.set(category, (row = emptyRow()));
    return row;
  };
  for (const { period, stage, currency, count, sum } of open.byKey.values()) {
    const { forecastCategory, probability } = stageOf(stage);
    const row = rowOf(period, forecastCategory);
    const name = columns.currencies.values[currency];
    row.count += count;
    plus(row.amounts, name, sum.value);
    plus(row.weighted, name, sum.value * BigInt(probability));
  }
  for (const { period, stage, currency, sum } of won.byKey.values()) plus(rowOf(period, stageOf(stage).forecastCategory).won, columns.currencies.values[currency], sum.value);
  return [...rows.keys()].sort((a, b) => a - b).flatMap((period) =>
    FORECAST_CATEGORIES.flatMap((category): ForecastRow[] => {
      const tally = rows.get(period)!.get(category);
      if (tally === undefined) return [];
      const weighted = new Map([...tally.weighted].map(([currency, hundredths]) => [currency, rounded(hundredths)]));
      const { count } = tally;
      return [{ period: periods.label(period), category, count, amounts: moneyDocsByCurrency(tally.amounts), weightedAmounts: moneyDocsByCurrency(weighted), won: moneyDocsByCurrency(tally.won) }];
    }),
  );
}

/**
 * The forecast of the query's pipeline as it stood at `at` (null: now), by close period and forecast
 * category. Open opportunities count in the period of their expected close date, in their stage's
 * category, weighted by its probability (rounded once per row and currency). Won ones count in the
 * period of their win, in the category of the stage they were won from (their WON stage's when
 * opened won). `from` (inclusive) and `to` (exclusive) bound the close and win dates; a date is its
 * midnight UTC. Rows sort by period, then in FORECAST_CATEGORIES order; empty rows are left out.
 */
export function forecastRows(
  timelines: Timelines,
  at: Instant,
  query: PipelineQuery,
  period: ForecastPeriod,
  from: string | Date | null,
  to: string | Date | null,
  definition: PipelineDefinition,
): ForecastRow[] {
  const instant = epochOf(at);
  const window = new DateWindow(boundOf(from, 'from'), boundOf(to, 'to'));
  const columns = pipelineColumns(timelines, pipelineIdOf(query));
  const match = new VersionMatch(columns, query);
  const periods = new Periods(period);
  const open = new Sums(columns);
  const won = new Sums(columns);
  for (let k = 0; k < columns.size; k++) {
    const i = columns.versionAt(k, instant);
    if (i < 0 || !match.matches(i)) continue;
    if (columns.status[i] === OPEN) {
      if (window.hasDay(columns.closeDay[i])) open.add(periods.ofMonth(columns.closeMonth[i]), columns.stage[i], i);
    } else if (columns.status[i] === WON) {
      const win = winOf(columns, k, i);
      if (window.hasInstant(columns.at[win])) won.add(periods.ofInstant(columns.at[win]), wonFrom(columns, k, win), i);
    }
  }
  const stageOf = (code: number) => stageOrUnknown(definition, columns.stages.values[code]);
  return rowsOf(open, won, columns, stageOf, periods);
}
