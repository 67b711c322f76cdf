import type { PipelineQuery } from '../projections/pipeline';
import { moneyDocOfMinor } from './exact-money';
import { MOVEMENT_BUCKETS, type CurrencyMovement, type MovementBucketName, type MovementEntry, type MovementReport } from './movement.types';
import { versionAt, type OpportunityTimeline, type OpportunityVersion, type Timelines } from './timeline.types';
import { epochOf, openAndMatching, versionMatchOf, type Instant } from './version-match';

type Tally = { entries: MovementEntry[]; minor: bigint };
type CurrencyTally = Record<MovementBucketName, Tally>;

const emptyTally = (): CurrencyTally =>
  Object.fromEntries(MOVEMENT_BUCKETS.map((name) => [name, { entries: [], minor: 0n }])) as unknown as CurrencyTally;

/** Per currency, the tallies an opportunity is counted in, with the order of entries checked as they come. */
class MovementTallies {
  readonly byCurrency = new Map<string, CurrencyTally>();
  private last = '';
  inOrder = true;

  count(currency: string, bucket: MovementBucketName, opportunityId: string, minor: bigint): void {
    let tally = this.byCurrency.get(currency);
    if (tally === undefined) this.byCurrency.set(currency, (tally = emptyTally()));
    tally[bucket].entries.push({ opportunityId, amountMinor: minor });
    tally[bucket].minor += minor;
  }

  /** Entries come out sorted when the opportunities are visited by id, as a TimelineSet visits them. */
  visiting(opportunityId: string): void {
    if (opportunityId < this.last) this.inOrder = false;
    this.last = opportunityId;
  }
}

/** Out between the two instants: closed (won or lost by its status at `to`) or else pushed out. */
const leftAs = (atTo: OpportunityVersion): MovementBucketName => (atTo.status === 'WON' ? 'won' : atTo.status === 'LOST' ? 'lost' : 'pushedOut');

/** At `from` and at `to`: the opportunity's versions then, and whether it was in the pipeline. */
type Ends = { atFrom: OpportunityVersion | null; atTo: OpportunityVersion; inFrom: boolean; inTo: boolean };

function countOpportunity(tallies: MovementTallies, timeline: OpportunityTimeline, { atFrom, atTo, inFrom, inTo }: Ends, from: number): void {
  const id = timeline.opportunityId;
  tallies.visiting(id);
  if (inFrom && inTo && atFrom!.currency === atTo.currency) {
    const a0 = atFrom!.amountMinor;
    const a1 = atTo.amountMinor;
    tallies.count(atTo.currency, 'start', id, a0);
    tallies.count(atTo.currency, 'end', id, a1);
    if (a1 > a0) tallies.count(atTo.currency, 'increased', id, a1 - a0);
    else if (a1 < a0) tallies.count(atTo.currency, 'decreased', id, a0 - a1);
    return;
  }
  // A currency that changed in between leaves one currency's pipeline and joins another's.
  if (inFrom) {
    tallies.count(atFrom!.currency, 'start', id, atFrom!.amountMinor);
    tallies.count(atFrom!.currency, leftAs(atTo), id, atFrom!.amountMinor);
  }
  if (inTo) {
    tallies.count(atTo.currency, 'end', id, atTo.amountMinor);
    tallies.count(atTo.currency, timeline.openedAt > from ? 'created' : 'pulledIn', id, atTo.amountMinor);
  }
}

const byOpportunityId = (a: MovementEntry, b: MovementEntry): number => (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0);

function reportOf(tallies: MovementTallies): MovementReport {
  const currencies = [...tallies.byCurrency.keys()].sort().map((currency) => {
    const tally = tallies.byCurrency.get(currency)!;
    const movement = { currency } as CurrencyMovement;
    for (const name of MOVEMENT_BUCKETS) {
      const { entries, minor } = tally[name];
      if (!tallies.inOrder) entries.sort(byOpportunityId);
      movement[name] = { count: entries.length, amount: moneyDocOfMinor(minor, currency), entries };
    }
    return movement;
  });
  return { currencies };
}

/**
 * Why the query's pipeline changed from `from` to `to` (DESIGN.md, "The pipeline through time").
 * An opportunity is in it at an instant when it is open then and in the query's slice (pipeline,
 * owner, currency, close month). In at both: the change of its amount; at `from` only: won or lost
 * (a0) when its status at `to` says it closed, else pushed out; at `to` only: created (a1) when it
 * was opened after `from`, else pulled in. An amount that did not change is in neither increased
 * nor decreased. The sums are exact per currency, so the balance identity holds to the minor unit.
 */
export function pipelineMovement(timelines: Timelines, from: Instant, to: Instant, query: PipelineQuery): MovementReport {
  const start = epochOf(from);
  const end = epochOf(to);
  if (start === null || end === null || start > end) throw new RangeError('A movement runs from one instant to the same or a later one');
  const match = versionMatchOf(query);
  const tallies = new MovementTallies();
  for (const timeline of timelines.inPipeline(match.pipelineId)) {
    const atTo = versionAt(timeline, end);
    if (atTo === null) continue;
    const atFrom = versionAt(timeline, start);
    const inFrom = openAndMatching(atFrom, match);
    const inTo = openAndMatching(atTo, match);
    if (inFrom || inTo) countOpportunity(tallies, timeline, { atFrom, atTo, inFrom, inTo }, start);
  }
  return reportOf(tallies);
}
