import { pipelineIdOf, type PipelineQuery } from '../projections/pipeline';
import { ExactSum, moneyDocOfMinor } from './exact-money';
import { EntryList } from './movement-entries';
import { ScratchPool } from './scratch';
import { MOVEMENT_BUCKETS, type CurrencyMovement, type MovementBucketName, type MovementReport } from './movement.types';
import { LOST, pipelineColumns, WON, type PipelineColumns } from './pipeline-columns';
import type { Timelines } from './timeline.types';
import { epochOf, VersionMatch, type Instant } from './version-match';

type Tally = { entries: EntryList; sum: ExactSum };
type CurrencyTally = Record<MovementBucketName, Tally>;

/** Lists of every bucket of every currency, reused from one report to the next. */
const scratch = new ScratchPool();

const emptyTally = (withEntries: boolean): CurrencyTally =>
  Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, { entries: new EntryList(withEntries ? scratch : null), sum: new ExactSum() }])) as unknown as CurrencyTally;

/** Per currency code, the buckets; the columns are visited by opportunity id, so every bucket's entries come out in that order. */
class MovementTallies {
  readonly byCurrency: (CurrencyTally | undefined)[] = [];

  constructor(
    private readonly columns: PipelineColumns,
    private readonly withEntries: boolean,
  ) {}

  /** Counts version `i`'s amount in the bucket. */
  amount(bucket: MovementBucketName, k: number, i: number): void {
    const tally = this.tallyOf(this.columns.currency[i])[bucket];
    const minor = this.columns.amount[i];
    tally.entries.push(k, minor, Number.isNaN(minor) ? this.columns.exact(i) : null);
    tally.sum.add(minor, this.columns, i);
  }

  /** Counts the change from version `i0` to `i1` (same currency) as increased or decreased; no change, no entry. */
  change(k: number, i0: number, i1: number): void {
    const a0 = this.columns.amount[i0];
    const a1 = this.columns.amount[i1];
    if (a1 === a0) return;
    if (!Number.isNaN(a0) && !Number.isNaN(a1)) {
      const tally = this.tallyOf(this.columns.currency[i1])[a1 > a0 ? 'increased' : 'decreased'];
      tally.entries.push(k, Math.abs(a1 - a0), null);
      tally.sum.add(Math.abs(a1 - a0), this.columns, -1);
      return;
    }
    const change = this.columns.exact(i1) - this.columns.exact(i0);
    if (change === 0n) return;
    const size = change > 0n ? change : -change;
    const tally = this.tallyOf(this.columns.currency[i1])[change > 0n ? 'increased' : 'decreased'];
    tally.entries.push(k, NaN, size);
    tally.sum.addExact(size);
  }

  private tallyOf(currency: number): CurrencyTally {
    return (this.byCurrency[currency] ??= emptyTally(this.withEntries));
  }
}

/** Out between the two instants: closed (won or lost by its status at `to`) or else pushed out. */
const leftAs = (status: number): MovementBucketName => (status === WON ? 'won' : status === LOST ? 'lost' : 'pushedOut');

/**
 * Opportunity `k` with its versions `i0` at `from` and `i1` at `to`, in the pipeline at one or both
 * (in plain arguments: this runs for every opportunity in the pipeline, and allocates nothing).
 */
function countOpportunity(tallies: MovementTallies, columns: PipelineColumns, k: number, i0: number, i1: number, inFrom: boolean, inTo: boolean, from: number): void {
  if (inFrom && inTo && columns.currency[i0] === columns.currency[i1]) {
    tallies.amount('start', k, i0);
    tallies.amount('end', k, i1);
    tallies.change(k, i0, i1);
    return;
  }
  // A currency that changed in between leaves one currency's pipeline and joins another's.
  if (inFrom) {
    tallies.amount('start', k, i0);
    tallies.amount(leftAs(columns.status[i1]), k, i0);
  }
  if (inTo) {
    tallies.amount('end', k, i1);
    tallies.amount(columns.openedAt[k] > from ? 'created' : 'pulledIn', k, i1);
  }
}

function reportOf(tallies: MovementTallies, columns: PipelineColumns): MovementReport {
  const currencies: CurrencyMovement[] = [];
  tallies.byCurrency.forEach((tally, code) => {
    if (tally === undefined) return;
    const currency = columns.currencies.values[code];
    const movement = { currency } as CurrencyMovement;
    for (const name of MOVEMENT_BUCKETS) {
      const { entries, sum } = tally[name];
      movement[name] = entries.bucket(moneyDocOfMinor(sum.value, currency), columns.opportunityIds);
    }
    currencies.push(movement);
  });
  return { currencies: currencies.sort((a, b) => (a.currency < b.currency ? -1 : 1)) };
}

/**
 * Why the query's pipeline changed from `from` to `to` (DESIGN.md, "The pipeline through time").
 * An opportunity is in it at an instant when it is open then and in the query's slice (pipeline,
 * owner, currency, close month). In at both: the change of its amount; at `from` only: won or lost
 * (a0) when its status at `to` says it closed, else pushed out; at `to` only: created (a1) when it
 * was opened after `from`, else pulled in. An amount that did not change is in neither increased
 * nor decreased. The sums are exact per currency, so the balance identity holds to the minor unit.
 * With `entries: false` only counts and sums are kept (reading a bucket's `entries` throws): what a
 * waterfall needs, at a fraction of the cost of listing tens of thousands of opportunities.
 */
export function pipelineMovement(timelines: Timelines, from: Instant, to: Instant, query: PipelineQuery, options: { entries?: boolean } = {}): MovementReport {
  const start = epochOf(from);
  const end = epochOf(to);
  if (start === null || end === null || start > end) throw new RangeError('A movement runs from one instant to the same or a later one');
  const columns = pipelineColumns(timelines, pipelineIdOf(query));
  const match = new VersionMatch(columns, query);
  scratch.reset();
  const tallies = new MovementTallies(columns, options.entries ?? true);
  for (let k = 0; k < columns.size; k++) {
    const i1 = columns.versionAt(k, end);
    if (i1 < 0) continue;
    const i0 = columns.versionAt(k, start);
    const inFrom = match.openAndMatching(i0);
    const inTo = match.openAndMatching(i1);
    if (inFrom || inTo) countOpportunity(tallies, columns, k, i0, i1, inFrom, inTo, start);
  }
  return reportOf(tallies, columns);
}
