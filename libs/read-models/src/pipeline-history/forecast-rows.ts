import { FORECAST_CATEGORIES, type ForecastCategory, type PipelineDefinition, type PipelineStageDefinition } from '@crm/domain';
import type { MoneyDoc } from '../projections/money';
import type { PipelineQuery } from '../projections/pipeline';
import { stageOrUnknown } from '../projections/pipeline-definitions/stage-lookup';
import { moneyDocsByCurrency } from './exact-money';
import { boundOf, DateWindow, PeriodLabels, type ForecastPeriod } from './forecast-periods';
import { versionAt, type OpportunityTimeline, type OpportunityVersion, type Timelines } from './timeline.types';
import { epochOf, matches, versionMatchOf, type Instant } from './version-match';

export type ForecastRow = {
  period: string;
  category: ForecastCategory;
  count: number;
  amounts: MoneyDoc[];
  weightedAmounts: MoneyDoc[];
  won: MoneyDoc[];
};

/** Open amounts by period, stage and currency; weights follow the stage, so they are applied per stage at the end. */
type OpenTotals = Map<string, Map<string, Map<string, { count: number; minor: bigint }>>>;
/** Won amounts by period, category and currency. */
type WonTotals = Map<string, Map<ForecastCategory, Map<string, bigint>>>;

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function addOpen(open: OpenTotals, period: string, version: OpportunityVersion): void {
  const byCurrency = child(child(open, period, () => new Map()), version.stage, () => new Map());
  const total = child(byCurrency, version.currency, () => ({ count: 0, minor: 0n }));
  total.count++;
  total.minor += version.amountMinor;
}

/** When the opportunity was won (the first version of its last run of WON ones) and the stage it left to be won. */
function winOf({ versions }: OpportunityTimeline, won: OpportunityVersion): { at: number; from: string } {
  let first = versions.lastIndexOf(won);
  while (first > 0 && versions[first - 1].status === 'WON') first--;
  return { at: versions[first].at, from: (versions[first - 1] ?? versions[first]).stage };
}

type RowTally = { count: number; amounts: Map<string, bigint>; weighted: Map<string, bigint>; won: Map<string, bigint> };

const emptyRow = (): RowTally => ({ count: 0, amounts: new Map(), weighted: new Map(), won: new Map() });
const plus = (totals: Map<string, bigint>, currency: string, minor: bigint) => totals.set(currency, (totals.get(currency) ?? 0n) + minor);

/** `Money.multiplyByPercent` applied once to a row's sum of amount x percent (hundredths of minor units). */
const rounded = (hundredths: bigint): bigint => (hundredths + (hundredths < 0n ? -50n : 50n)) / 100n;

function rowTallies(open: OpenTotals, won: WonTotals, stage: (key: string) => PipelineStageDefinition): Map<string, Map<ForecastCategory, RowTally>> {
  const rows = new Map<string, Map<ForecastCategory, RowTally>>();
  for (const [period, stages] of open) {
    for (const [key, currencies] of stages) {
      const { forecastCategory, probability } = stage(key);
      const row = child(child(rows, period, () => new Map()), forecastCategory, emptyRow);
      for (const [currency, { count, minor }] of currencies) {
        row.count += count;
        plus(row.amounts, currency, minor);
        plus(row.weighted, currency, minor * BigInt(probability));
      }
    }
  }
  for (const [period, categories] of won) {
    for (const [category, currencies] of categories) {
      const row = child(child(rows, period, () => new Map()), category, emptyRow);
      for (const [currency, minor] of currencies) plus(row.won, currency, minor);
    }
  }
  return rows;
}

function rowsOf(tallies: Map<string, Map<ForecastCategory, RowTally>>): ForecastRow[] {
  const rows: ForecastRow[] = [];
  for (const period of [...tallies.keys()].sort()) {
    const categories = tallies.get(period)!;
    for (const category of FORECAST_CATEGORIES) {
      const tally = categories.get(category);
      if (tally === undefined) continue;
      const weighted = new Map([...tally.weighted].map(([currency, hundredths]) => [currency, rounded(hundredths)]));
      const { count } = tally;
      rows.push({ period, category, count, amounts: moneyDocsByCurrency(tally.amounts), weightedAmounts: moneyDocsByCurrency(weighted), won: moneyDocsByCurrency(tally.won) });
    }
  }
  return rows;
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
  const match = versionMatchOf(query);
  const window = new DateWindow(boundOf(from, 'from'), boundOf(to, 'to'));
  const labels = new PeriodLabels(period);
  const stages = new Map<string, PipelineStageDefinition>();
  const stage = (key: string) => child(stages, key, () => stageOrUnknown(definition, key));
  const open: OpenTotals = new Map();
  const won: WonTotals = new Map();
  for (const timeline of timelines.inPipeline(match.pipelineId)) {
    const version = versionAt(timeline, instant);
    if (version === null || !matches(version, match)) continue;
    if (version.status === 'OPEN') {
      if (window.hasDate(version.expectedCloseDate)) addOpen(open, labels.ofMonth(version.closeMonth), version);
    } else if (version.status === 'WON') {
      const win = winOf(timeline, version);
      if (!window.hasInstant(win.at)) continue;
      const byCategory = child(won, labels.ofInstant(win.at), () => new Map());
      plus(child(byCategory, stage(win.from).forecastCategory, () => new Map()), version.currency, version.amountMinor);
    }
  }
  return rowsOf(rowTallies(open, won, stage));
}
