import { aggregateId, type PipelineDoc, type PipelineGrain } from '../projections/pipeline/pipeline-aggregate';
import { pipelineGrainFor, type PipelineQuery } from '../projections/pipeline';
import { currencyUnit, formatMinor } from '../projections/money/exact-amount';
import { versionAt, type OpportunityVersion, type Timelines } from './timeline.types';
import { epochOf, matches, versionMatchOf, type Instant } from './version-match';

/** One aggregate being summed: the version that opened it names its slot. */
type Slot = { first: OpportunityVersion; count: number; minor: bigint };

/**
 * Slots by stage, then close month (only at the month grains, else one key), then currency. The
 * owner needs no level: an owner grain is read only for a query naming the owner, so every version
 * that matches has that owner. Nested maps find a slot with no key built per opportunity.
 */
type SlotTree = Map<string, Map<string, Map<string, Slot>>>;

function slotOf(tree: SlotTree, version: OpportunityVersion, byMonth: boolean): Slot {
  let months = tree.get(version.stage);
  if (months === undefined) tree.set(version.stage, (months = new Map()));
  const month = byMonth ? version.closeMonth : '';
  let currencies = months.get(month);
  if (currencies === undefined) months.set(month, (currencies = new Map()));
  let slot = currencies.get(version.currency);
  if (slot === undefined) currencies.set(version.currency, (slot = { first: version, count: 0, minor: 0n }));
  return slot;
}

function docOf(grain: PipelineGrain, { first, count, minor }: Slot): PipelineDoc {
  const byOwner = grain === 'stage_owner' || grain === 'stage_owner_month';
  const byMonth = grain === 'stage_month' || grain === 'stage_owner_month';
  return {
    id: aggregateId(grain, first),
    grain,
    pipelineId: first.pipelineId,
    stage: first.stage,
    ownerId: byOwner ? first.ownerId : null,
    closeMonth: byMonth ? first.closeMonth : null,
    currency: first.currency,
    count,
    amountMinor: Number(minor),
    amount: formatMinor(minor, currencyUnit(first.currency).digits),
  };
}

/**
 * The `pipeline` read model's aggregates as they stood at `at` (null: now), for the query's grain
 * (`pipelineGrainFor`) and only the slots the query covers, so that `summarisePipeline(docs,
 * definition, query)` is the pipeline then. Every opportunity counts at the stage it had then,
 * whatever its status, as the live aggregates count it: open stages hold the open ones, the WON and
 * LOST stages those won and lost by then. Empty slots are left out (the summary skips them anyway).
 */
export function pipelineDocsAt(timelines: Timelines, at: Instant, query: PipelineQuery): PipelineDoc[] {
  const instant = epochOf(at);
  const match = versionMatchOf(query);
  const grain = pipelineGrainFor(query);
  const byMonth = grain === 'stage_month' || grain === 'stage_owner_month';
  const tree: SlotTree = new Map();
  for (const timeline of timelines.inPipeline(match.pipelineId)) {
    const version = versionAt(timeline, instant);
    if (version === null || !matches(version, match)) continue;
    const slot = slotOf(tree, version, byMonth);
    slot.count++;
    slot.minor += version.amountMinor;
  }
  const docs: PipelineDoc[] = [];
  for (const months of tree.values()) for (const currencies of months.values()) for (const slot of currencies.values()) docs.push(docOf(grain, slot));
  return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
