import { assertNever, type OpportunityEvent } from '@crm/domain';
import { exactAmountOf, type ExactAmount } from '../money';

/**
 * What one opportunity adds to the pipeline aggregates: one slot (pipeline, stage, owner, close
 * month, currency) and its amount, with the same amount fields as the aggregates (exact string +
 * minor units). No weighted amount: it follows the stage's probability in the pipeline's definition,
 * which a revision may change, so it is computed when the pipeline is read.
 */
export type PipelineContribution = {
  pipelineId: string;
  stage: string;
  ownerId: string;
  closeMonth: string;
  currency: string;
  amount: string;
  amountMinor: number;
};

/** An opportunity's current contribution, stored under the opportunity's id. */
export type PipelineOpportunityDoc = PipelineContribution & { id: string };

export const closeMonthOf = (expectedCloseDate: string): string => expectedCloseDate.slice(0, 7);

export const amountOf = (c: PipelineContribution): ExactAmount => ({ amount: c.amount, amountMinor: c.amountMinor });

type Slot = { id: string; pipelineId: string; stage: string; ownerId: string; closeMonth: string };

const contribution = ({ id, pipelineId, stage, ownerId, closeMonth }: Slot, currency: string, amount: ExactAmount): PipelineOpportunityDoc => ({
  id,
  pipelineId,
  stage,
  ownerId,
  closeMonth,
  currency,
  amount: amount.amount,
  amountMinor: amount.amountMinor,
});

/** The same amount in another slot. */
const moved = (before: PipelineOpportunityDoc, slot: Slot): PipelineOpportunityDoc => contribution(slot, before.currency, amountOf(before));

/** The event's amount in the slot: parsed as `Money` reads it, stored as `Money` formats it. */
function counted(slot: Slot, json: Parameters<typeof exactAmountOf>[0]): PipelineOpportunityDoc {
  const { unit, value } = exactAmountOf(json);
  return contribution(slot, unit.currency, value);
}

/** Every event is total for what it touches, so the next contribution needs only the previous one and the event. */
export function nextContribution(before: PipelineOpportunityDoc | null, event: OpportunityEvent): PipelineOpportunityDoc | null {
  const id = event.data.opportunityId;
  if (event.type === 'OpportunityOpened') {
    const { pipelineId, stage, ownerId, expectedCloseDate, amount } = event.data;
    return counted({ id, pipelineId, stage, ownerId, closeMonth: closeMonthOf(expectedCloseDate) }, amount);
  }
  if (before === null) return null;
  const { pipelineId, stage, ownerId, closeMonth } = before;
  switch (event.type) {
    case 'OpportunityStageChanged':
      return moved(before, { id, pipelineId, stage: event.data.to, ownerId, closeMonth });
    case 'OpportunityRevised': {
      const { amount, expectedCloseDate } = event.data.changes;
      const slot = { id, pipelineId, stage, ownerId, closeMonth: expectedCloseDate === undefined ? closeMonth : closeMonthOf(expectedCloseDate) };
      return amount === undefined ? moved(before, slot) : counted(slot, amount);
    }
    case 'OpportunityAssigned':
      return moved(before, { id, pipelineId, stage, ownerId: event.data.ownerId, closeMonth });
    case 'OpportunityWon':
    case 'OpportunityLost':
      return counted({ id, pipelineId, stage: event.data.stage, ownerId: event.data.ownerId, closeMonth }, event.data.amount);
    case 'OpportunityReopened':
      return counted({ id, pipelineId, stage: event.data.to, ownerId, closeMonth }, event.data.amount);
    case 'OpportunityMovedToPipeline':
      return moved(before, { id, pipelineId: event.data.toPipelineId, stage: event.data.to, ownerId, closeMonth });
    case 'ContactRoleAssigned':
      return before;
    default:
      return assertNever(event);
  }
}

export function pipelineEventChangesContribution(event: OpportunityEvent): boolean {
  if (event.type === 'ContactRoleAssigned') return false;
  if (event.type !== 'OpportunityRevised') return true;
  return event.data.changes.amount !== undefined || event.data.changes.expectedCloseDate !== undefined;
}

/** Same slot and amount: applying the change would rewrite every document as it is. */
export const sameContribution = (a: PipelineContribution, b: PipelineContribution): boolean =>
  a.pipelineId === b.pipelineId &&
  a.stage === b.stage &&
  a.ownerId === b.ownerId &&
  a.closeMonth === b.closeMonth &&
  a.currency === b.currency &&
  a.amount === b.amount;
