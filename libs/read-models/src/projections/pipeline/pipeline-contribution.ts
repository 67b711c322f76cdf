import { assertNever, stageProbability, type OpportunityEvent } from '@crm/domain';
import { currencyUnit, exactAmountOf, percentOfAmount, type CurrencyUnit, type ExactAmount } from '../money';

/**
 * What one opportunity adds to the pipeline aggregates: one slot (stage, owner, close month,
 * currency) and its sums, with the same amount fields as the aggregates (exact string + minor units).
 */
export type PipelineContribution = {
  stage: string;
  ownerId: string;
  closeMonth: string;
  currency: string;
  amount: string;
  amountMinor: number;
  weightedAmount: string;
  weightedMinor: number;
};

/** An opportunity's current contribution, stored under the opportunity's id. */
export type PipelineOpportunityDoc = PipelineContribution & { id: string };

export const closeMonthOf = (expectedCloseDate: string): string => expectedCloseDate.slice(0, 7);

export const amountOf = (c: PipelineContribution): ExactAmount => ({ amount: c.amount, amountMinor: c.amountMinor });

export const weightedOf = (c: PipelineContribution): ExactAmount => ({ amount: c.weightedAmount, amountMinor: c.weightedMinor });

type Slot = { id: string; stage: string; ownerId: string; closeMonth: string };

function contribution(slot: Slot, unit: CurrencyUnit, amount: ExactAmount): PipelineOpportunityDoc {
  const weighted = percentOfAmount(amount, stageProbability(slot.stage), unit);
  return {
    id: slot.id,
    stage: slot.stage,
    ownerId: slot.ownerId,
    closeMonth: slot.closeMonth,
    currency: unit.currency,
    amount: amount.amount,
    amountMinor: amount.amountMinor,
    weightedAmount: weighted.amount,
    weightedMinor: weighted.amountMinor,
  };
}

/** The same amount in another slot: the weighted amount follows the stage, so it is only kept within one. */
function moved(before: PipelineOpportunityDoc, slot: Slot): PipelineOpportunityDoc {
  if (slot.stage !== before.stage) return contribution(slot, currencyUnit(before.currency), amountOf(before));
  const { id, stage, ownerId, closeMonth } = slot;
  const { currency, amount, amountMinor, weightedAmount, weightedMinor } = before;
  return { id, stage, ownerId, closeMonth, currency, amount, amountMinor, weightedAmount, weightedMinor };
}

/** Every event is total for what it touches, so the next contribution needs only the previous one and the event. */
export function nextContribution(before: PipelineOpportunityDoc | null, event: OpportunityEvent): PipelineOpportunityDoc | null {
  const id = event.data.opportunityId;
  if (event.type === 'OpportunityOpened') {
    const { stage, ownerId, expectedCloseDate, amount } = event.data;
    const money = exactAmountOf(amount);
    return contribution({ id, stage, ownerId, closeMonth: closeMonthOf(expectedCloseDate) }, money.unit, money.value);
  }
  if (before === null) return null;
  const { stage, ownerId, closeMonth } = before;
  switch (event.type) {
    case 'OpportunityStageChanged':
      return moved(before, { id, stage: event.data.to, ownerId, closeMonth });
    case 'OpportunityRevised': {
      const { amount, expectedCloseDate } = event.data.changes;
      const slot = { id, stage, ownerId, closeMonth: expectedCloseDate === undefined ? closeMonth : closeMonthOf(expectedCloseDate) };
      if (amount === undefined) return moved(before, slot);
      const money = exactAmountOf(amount);
      return contribution(slot, money.unit, money.value);
    }
    case 'OpportunityAssigned':
      return moved(before, { id, stage, ownerId: event.data.ownerId, closeMonth });
    case 'OpportunityWon':
    case 'OpportunityLost': {
      const money = exactAmountOf(event.data.amount);
      return contribution({ id, stage: event.data.stage, ownerId: event.data.ownerId, closeMonth }, money.unit, money.value);
    }
    case 'OpportunityReopened': {
      const money = exactAmountOf(event.data.amount);
      return contribution({ id, stage: event.data.to, ownerId, closeMonth }, money.unit, money.value);
    }
    case 'ContactRoleAssigned':
      return moved(before, { id, stage, ownerId, closeMonth });
    case 'OpportunityMovedToPipeline':
      return moved(before, { id, stage: event.data.to, ownerId, closeMonth });
    default:
      return assertNever(event);
  }
}

export function pipelineEventChangesContribution(event: OpportunityEvent): boolean {
  if (event.type === 'ContactRoleAssigned') return false;
  if (event.type !== 'OpportunityRevised') return true;
  return event.data.changes.amount !== undefined || event.data.changes.expectedCloseDate !== undefined;
}

/** Same slot and sums: applying the change would rewrite every document as it is. */
export const sameContribution = (a: PipelineContribution, b: PipelineContribution): boolean =>
  a.stage === b.stage &&
  a.ownerId === b.ownerId &&
  a.closeMonth === b.closeMonth &&
  a.currency === b.currency &&
  a.amount === b.amount &&
  a.weightedAmount === b.weightedAmount;
