import { shiftedAmount, zeroAmount, type CurrencyUnit } from '../money';
import { AggregateIdCache } from './aggregate-ids';
import { amountOf, weightedOf, type PipelineContribution } from './pipeline-contribution';

export const PIPELINE_GRAINS = ['stage', 'stage_owner', 'stage_month', 'stage_owner_month'] as const;
export type PipelineGrain = (typeof PIPELINE_GRAINS)[number];

/**
 * Sums of the opportunities in one slot of one grain, in one currency. `amount`/`weightedAmount`
 * are the exact totals; the `...Minor` numbers mirror them for sorting (exact up to 2^53). Emptied
 * aggregates stay (count 0) rather than being deleted: projections only ever put documents.
 */
export type PipelineDoc = {
  id: string;
  grain: PipelineGrain;
  stage: string;
  ownerId: string | null;
  closeMonth: string | null;
  currency: string;
  count: number;
  amountMinor: number;
  weightedMinor: number;
  amount: string;
  weightedAmount: string;
};

type SlotOf = Pick<PipelineContribution, 'stage' | 'ownerId' | 'closeMonth' | 'currency'>;

const byOwner = (grain: PipelineGrain): boolean => grain === 'stage_owner' || grain === 'stage_owner_month';
const byMonth = (grain: PipelineGrain): boolean => grain === 'stage_month' || grain === 'stage_owner_month';

/** `grain|stage|owner|month|currency`, leaving out what the grain does not split by. */
export function aggregateId(grain: PipelineGrain, c: SlotOf): string {
  let id = `${grain}|${c.stage}`;
  if (byOwner(grain)) id += `|${c.ownerId}`;
  if (byMonth(grain)) id += `|${c.closeMonth}`;
  return `${id}|${c.currency}`;
}

const ids = new AggregateIdCache((slot) => PIPELINE_GRAINS.map((grain) => aggregateId(grain, slot)));

/** The ids of the aggregates a contribution counts in, in the order of PIPELINE_GRAINS. */
export const aggregateIds = (c: SlotOf): readonly string[] => ids.idsOf(c);

/** The aggregate `id` (of `grain`, for the slot of `c`) before anything counted in it. */
export function emptyAggregate(id: string, grain: PipelineGrain, c: SlotOf, unit: CurrencyUnit): PipelineDoc {
  const zero = zeroAmount(unit).amount;
  return {
    id,
    grain,
    stage: c.stage,
    ownerId: byOwner(grain) ? c.ownerId : null,
    closeMonth: byMonth(grain) ? c.closeMonth : null,
    currency: c.currency,
    count: 0,
    amountMinor: 0,
    weightedMinor: 0,
    amount: zero,
    weightedAmount: zero,
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
  // The aggregate's own amount fields are an exact amount as they stand; the weighted ones are named apart.
  const weightedTotal = { amount: doc.weightedAmount, amountMinor: doc.weightedMinor };
  const amount = shiftedAmount(doc, added && amountOf(added), removed && amountOf(removed), unit);
  const weighted = shiftedAmount(weightedTotal, added && weightedOf(added), removed && weightedOf(removed), unit);
  return {
    id: doc.id,
    grain: doc.grain,
    stage: doc.stage,
    ownerId: doc.ownerId,
    closeMonth: doc.closeMonth,
    currency: doc.currency,
    count: doc.count + (added === null ? 0 : 1) - (removed === null ? 0 : 1),
    amountMinor: amount.amountMinor,
    weightedMinor: weighted.amountMinor,
    amount: amount.amount,
    weightedAmount: weighted.amount,
  };
}
