import { assertNever, type OpportunityEvent, type OpportunityOpened } from '@crm/domain';
import type { OpportunityVersionDoc } from '../../pipeline-history/timeline.types';
import { amountDoc, type MoneyDoc } from '../money';

/** What a version holds: the fields a pipeline report counts an opportunity by. */
export type VersionFields = Pick<OpportunityVersionDoc, 'pipelineId' | 'ownerId' | 'stage' | 'status' | 'amount' | 'expectedCloseDate'>;

/**
 * An opportunity's latest version, kept under its id so the next event builds on it. `knownAt` is
 * the latest business time of any of its events so far, those that made no version included: a
 * version holds from `max(occurredAt, knownAt)`, so the state at an instant is the fold of the
 * events whose running latest business time is not after it.
 */
export type TimelineHeadDoc = Omit<OpportunityVersionDoc, 'id' | 'opportunityId' | 'lastPosition'> & { id: string; knownAt: string };

const sameMoney = (a: MoneyDoc, b: MoneyDoc): boolean => a.amount === b.amount && a.currency === b.currency;

export const sameFields = (a: VersionFields, b: VersionFields): boolean =>
  a.pipelineId === b.pipelineId &&
  a.ownerId === b.ownerId &&
  a.stage === b.stage &&
  a.status === b.status &&
  a.expectedCloseDate === b.expectedCloseDate &&
  sameMoney(a.amount, b.amount);

export function openedFields(data: OpportunityOpened['data']): VersionFields {
  const { pipelineId, ownerId, stage, expectedCloseDate } = data;
  return { pipelineId, ownerId, stage, status: 'OPEN', amount: amountDoc(data.amount, null), expectedCloseDate };
}

/** The fields after a later event of the opportunity; the same object when the event changes none of them. */
export function nextFields(fields: VersionFields, event: Exclude<OpportunityEvent, OpportunityOpened>): VersionFields {
  switch (event.type) {
    case 'OpportunityStageChanged':
      return { ...fields, status: 'OPEN', stage: event.data.to };
    case 'OpportunityRevised': {
      const { amount, expectedCloseDate } = event.data.changes;
      return {
        ...fields,
        amount: amount === undefined ? fields.amount : amountDoc(amount, fields.amount),
        expectedCloseDate: expectedCloseDate ?? fields.expectedCloseDate,
      };
    }
    case 'OpportunityAssigned':
      return { ...fields, ownerId: event.data.ownerId };
    case 'ContactRoleAssigned':
      return fields;
    case 'OpportunityWon':
      return { ...fields, status: 'WON', stage: event.data.stage, ownerId: event.data.ownerId, amount: amountDoc(event.data.amount, fields.amount) };
    case 'OpportunityLost':
      return { ...fields, status: 'LOST', stage: event.data.stage, ownerId: event.data.ownerId, amount: amountDoc(event.data.amount, fields.amount) };
    case 'OpportunityReopened':
      return { ...fields, status: 'OPEN', stage: event.data.to, amount: amountDoc(event.data.amount, fields.amount) };
    case 'OpportunityMovedToPipeline':
      return { ...fields, status: 'OPEN', pipelineId: event.data.toPipelineId, stage: event.data.to };
    default:
      return assertNever(event);
  }
}

export const fieldsOf = ({ pipelineId, ownerId, stage, status, amount, expectedCloseDate }: VersionFields): VersionFields => ({
  pipelineId,
  ownerId,
  stage,
  status,
  amount,
  expectedCloseDate,
});
