import { shiftedAmount, zeroAmount, type CurrencyUnit } from '../money';
import { AggregateIdCache } from './aggregate-ids';
import { amountOf, type PipelineContribution } from './pipeline-contribution';

export const PIPELINE_GRAINS = ['stage', 'stage_owner', 'stage_month', 'stage_owner_month'] as const;
export type PipelineGrain = (typeof PIPELINE_GRAINS)[number];

/**
 * Count and sum of the opportunities in one slot of one grain of one pipeline, in one currency.
 * `amount` is the exact total; `amountMinor` mirrors it for sorting (exact up to 2^53). Weighted
 * sums are not kept: they follow the stage probabilities of the pipeline's definition, applied when
 * it is read (`summarisePipeline`), so a revision that re-weights a stage rewrites nothing here.
 * Emptied aggregates stay (count 0) rather than being deleted: projections only ever put documents.
 */
export type PipelineDoc = {
  id: string;
  grain: PipelineGrain;
  pipelineId: string;
  stage: string;
  ownerId: string | null;
  closeMonth: string | null;
  currency: string;
  count: number;
  amountMinor: number;
  amount: string;
};

export type AggregateSlot = Pick<PipelineContribution, 'pipelineId' | 'stage' | 'ownerId' | 'closeMonth' | 'currency'>;

const byOwner = (grain: PipelineGrain): boolean => grain === 'stage_owner' || grain === 'stage_owner_month';
const byMonth = (grain: PipelineGrain): boolean => grain === 'stage_month' || grain === 'stage_owner_month';

/** `grain|pipeline|stage|owner|month|currency`, leaving out what the grain does not split by. */
export function aggregateId(grain: PipelineGrain, c: AggregateSlot): string {
  let id = `${grain}|${c.pipelineId}|${c.stage}`;
  if (byOwner(grain)) id += `|${c.ownerId}`;
  if (byMonth(grain)) id += `|${c.closeMonth}`;
  return `${id}|${c.currency}`;
}

const ids = new AggregateIdCache((slot) => PIPELINE_GRAINS.map((grain) => aggregateId(grain, slot)));

/** The ids of the aggregates a contribution counts in, in the order of PIPELINE_GRAINS. */
export const aggregateIds = (c: AggregateSlot): readonly string[] => ids.idsOf(c);

/** The aggregate `id` (of `grain`, for the slot of `c`) before anything counted in it. */
export function emptyAggregate(id: string, grain: PipelineGrain, c: AggregateSlot, unit: CurrencyUnit): PipelineDoc {
  return {
    id,
    grain,
    pipelineId: c.pipelineId,
    stage: c.stage,
    ownerId: byOwner(grain) ? c.ownerId : null,
    closeMonth: byMonth(grain) ? c.closeMonth : null,
    currency: c.currency,
    count: 0,
    amountMinor: 0,
    amount: zeroAmount(unit).amount,
  };
}

/**
 * The aggregate with one contribution added and/or one removed, exactly. Both must be in the
 * aggregate's slot (so in its currency, whose `unit` is given).
 */
export function shiftedAggregate(
  doc: PipelineDoc,
  added: PipelineContribution | null,
  removed: PipelineContribution | null,
  unit: CurrencyUnit,
): PipelineDoc {
  const amount = shiftedAmount(doc, added && amountOf(added), removed && amountOf(removed), unit);
  return {
    id: doc.id,
    grain: doc.grain,
    pipelineId: doc.pipelineId,
    stage: doc.stage,
    ownerId: doc.ownerId,
    closeMonth: doc.closeMonth,
    currency: doc.currency,
    count: doc.count + (added === null ? 0 : 1) - (removed === null ? 0 : 1),
    amountMinor: amount.amountMinor,
    amount: amount.amount,
  };
}
