import { aggregateId, emptyAggregate, type PipelineDoc, type PipelineGrain } from '../projections/pipeline/pipeline-aggregate';
import { pipelineGrainFor, pipelineIdOf, type PipelineQuery } from '../projections/pipeline';
import { currencyUnit, formatMinor } from '../projections/money/exact-amount';
import { ExactSum } from './exact-money';
import { monthText } from './column-codes';
import { pipelineColumns, type PipelineColumns } from './pipeline-columns';
import type { Timelines } from './timeline.types';
import { epochOf, VersionMatch, type Instant } from './version-match';

/** One aggregate being summed: `first` is a version counted in it, which names its slot. */
type Slot = { first: number; count: number; sum: ExactSum };

function docOf(columns: PipelineColumns, grain: PipelineGrain, { first: i, count, sum }: Slot): PipelineDoc {
  const slot = {
    pipelineId: columns.pipelineId,
    stage: columns.stages.values[columns.stage[i]],
    ownerId: columns.owners.values[columns.owner[i]],
    closeMonth: monthText(columns.closeMonth[i]),
    currency: columns.currencies.values[columns.currency[i]],
  };
  const minor = sum.value;
  const unit = currencyUnit(slot.currency);
  // The live read model's own document for the slot, with what was counted in it then.
  return { ...emptyAggregate(aggregateId(grain, slot), grain, slot, unit), count, amountMinor: Number(minor), amount: formatMinor(minor, unit.digits) };
}

/**
 * The `pipeline` read model's aggregates as they stood at `at` (null: now), for the query's grain
 * (`pipelineGrainFor`) and only the slots the query covers, so that `summarisePipeline(docs,
 * definition, query)` is the pipeline then. Every opportunity counts at the stage it had then,
 * whatever its status, as the live aggregates count it: open stages hold the open ones, the WON and
 * LOST stages those won and lost by then. Empty slots are left out (the summary skips them anyway).
 * The owner needs no part in a slot's key: an owner grain is read only for a query naming the owner.
 */
export function pipelineDocsAt(timelines: Timelines, at: Instant, query: PipelineQuery): PipelineDoc[] {
  const instant = epochOf(at);
  const columns = pipelineColumns(timelines, pipelineIdOf(query));
  const match = new VersionMatch(columns, query);
  const grain = pipelineGrainFor(query);
  const byMonth = grain === 'stage_month' || grain === 'stage_owner_month';
  const stages = columns.stages.values.length;
  const currencies = columns.currencies.values.length;
  const slots = new Map<number, Slot>();
  for (let k = 0; k < columns.size; k++) {
    const i = columns.versionAt(k, instant);
    if (i < 0 || !match.matches(i)) continue;
    const key = ((byMonth ? columns.closeMonth[i] : 0) * stages + columns.stage[i]) * currencies + columns.currency[i];
    let slot = slots.get(key);
    if (slot === undefined) slots.set(key, (slot = { first: i, count: 0, sum: new ExactSum() }));
    slot.count++;
    slot.sum.addVersion(columns, i);
  }
  const docs = [...slots.values()].map((slot) => docOf(columns, grain, slot));
  return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
