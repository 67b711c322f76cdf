import { Money, assertNever, stageProbability, type MoneyJson, type OpportunityEvent, type OpportunityStage } from '@crm/domain';
import { moneyOf } from './money-doc';

/** What one opportunity adds to the pipeline aggregates: one slot (stage, owner, month, currency) and its sums. */
export type PipelineContribution = {
  stage: OpportunityStage;
  ownerId: string;
  closeMonth: string;
  currency: string;
  amount: string;
  weightedAmount: string;
};

export const closeMonthOf = (expectedCloseDate: string): string => expectedCloseDate.slice(0, 7);

function contribution(stage: OpportunityStage, ownerId: string, closeMonth: string, amount: MoneyJson) {
  const money = moneyOf(amount);
  const weighted = Money.multiplyByPercent(money, stageProbability(stage));
  const sums = { amount: Money.format(money), weightedAmount: Money.format(weighted) };
  return { stage, ownerId, closeMonth, currency: money.currency, ...sums };
}

const amountOf = (c: PipelineContribution): MoneyJson => ({ amount: c.amount, currency: c.currency });

/** Every event is total for what it touches, so the next contribution needs only the previous one and the event. */
export function nextContribution(
  before: PipelineContribution | null,
  event: OpportunityEvent,
): PipelineContribution | null {
  if (event.type === 'OpportunityOpened') {
    const { stage, ownerId, expectedCloseDate, amount } = event.data;
    return contribution(stage, ownerId, closeMonthOf(expectedCloseDate), amount);
  }
  if (before === null) return null;
  const { stage, ownerId, closeMonth } = before;
  switch (event.type) {
    case 'OpportunityStageChanged':
      return contribution(event.data.to, ownerId, closeMonth, amountOf(before));
    case 'OpportunityRevised': {
      const { amount, expectedCloseDate } = event.data.changes;
      const month = expectedCloseDate === undefined ? closeMonth : closeMonthOf(expectedCloseDate);
      return contribution(stage, ownerId, month, amount ?? amountOf(before));
    }
    case 'OpportunityAssigned':
      return contribution(stage, event.data.ownerId, closeMonth, amountOf(before));
    case 'OpportunityWon':
      return contribution('CLOSED_WON', event.data.ownerId, closeMonth, event.data.amount);
    case 'OpportunityLost':
      return contribution('CLOSED_LOST', event.data.ownerId, closeMonth, event.data.amount);
    case 'OpportunityReopened':
      return contribution(event.data.to, ownerId, closeMonth, event.data.amount);
    case 'ContactRoleAssigned':
      return before;
    default:
      return assertNever(event);
  }
}

/** Owner last: it is the one free-text part, so it may contain the separator. */
export const slotOf = (c: PipelineContribution): string[] => [c.stage, c.closeMonth, c.currency, c.ownerId];

/** A zero contribution in a slot read back from a version id: enough for `keys` to work out the next slot. */
export function contributionInSlot(slot: readonly string[]): PipelineContribution {
  const [stage, closeMonth, currency, ...owner] = slot;
  const zero = Money.format(Money.zero(currency));
  const base = { stage: stage as OpportunityStage, ownerId: owner.join('|'), closeMonth, currency };
  return { ...base, amount: zero, weightedAmount: zero };
}

export function pipelineEventChangesContribution(event: OpportunityEvent): boolean {
  if (event.type === 'ContactRoleAssigned') return false;
  if (event.type !== 'OpportunityRevised') return true;
  return event.data.changes.amount !== undefined || event.data.changes.expectedCloseDate !== undefined;
}
