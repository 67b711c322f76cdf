import { Money, type OpportunityStage } from '@crm/domain';
import { moneyOf } from './money-doc';
import type { PipelineContribution } from './pipeline-contribution';

export const PIPELINE_GRAINS = ['stage', 'stage_owner', 'stage_month', 'stage_owner_month'] as const;
export type PipelineGrain = (typeof PIPELINE_GRAINS)[number];

/**
 * Sums of the opportunities in one slot of one grain, in one currency. `amount`/`weightedAmount`
 * are the exact totals; the `...Minor` numbers mirror them for sorting. Emptied aggregates stay
 * (count 0): the document keeps its `lastPosition`, which a replay needs to skip what it saw.
 */
export type PipelineDoc = {
  id: string;
  grain: PipelineGrain;
  stage: OpportunityStage;
  ownerId: string | null;
  closeMonth: string | null;
  currency: string;
  count: number;
  amountMinor: number;
  weightedMinor: number;
  amount: string;
  weightedAmount: string;
};

type Slot = Pick<PipelineDoc, 'grain' | 'stage' | 'ownerId' | 'closeMonth' | 'currency'>;

const slotId = ({ grain, stage, ownerId, closeMonth, currency }: Slot): string =>
  [grain, stage, ownerId, closeMonth, currency].filter((part) => part !== null).join('|');

/** The four aggregates one contribution counts in, coarsest first. */
export function aggregateSlots(c: PipelineContribution): Array<Slot & { id: string }> {
  const { stage, currency } = c;
  const slots: Slot[] = [
    { grain: 'stage', stage, ownerId: null, closeMonth: null, currency },
    { grain: 'stage_owner', stage, ownerId: c.ownerId, closeMonth: null, currency },
    { grain: 'stage_month', stage, ownerId: null, closeMonth: c.closeMonth, currency },
    { grain: 'stage_owner_month', stage, ownerId: c.ownerId, closeMonth: c.closeMonth, currency },
  ];
  return slots.map((slot) => ({ ...slot, id: slotId(slot) }));
}

export const emptyAggregate = (slot: Slot & { id: string }): PipelineDoc => {
  const zero = Money.format(Money.zero(slot.currency));
  return { ...slot, count: 0, amountMinor: 0, weightedMinor: 0, amount: zero, weightedAmount: zero };
};

function shifted(total: string, by: string, currency: string, sign: 1 | -1): Money {
  const delta = moneyOf({ amount: by, currency });
  return Money.add(moneyOf({ amount: total, currency }), sign === 1 ? delta : { ...delta, amountMinor: -delta.amountMinor });
}

/** Adds (sign 1) or removes (sign -1) one opportunity's contribution, exactly. */
export function addContribution(doc: PipelineDoc, c: PipelineContribution, sign: 1 | -1): PipelineDoc {
  const amount = shifted(doc.amount, c.amount, doc.currency, sign);
  const weighted = shifted(doc.weightedAmount, c.weightedAmount, doc.currency, sign);
  return {
    ...doc,
    count: doc.count + sign,
    amount: Money.format(amount),
    weightedAmount: Money.format(weighted),
    amountMinor: Number(amount.amountMinor),
    weightedMinor: Number(weighted.amountMinor),
  };
}
