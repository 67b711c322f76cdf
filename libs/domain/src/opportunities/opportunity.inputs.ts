import { CalendarDate } from '../shared/calendar-date';
import { ValidationError } from '../shared/errors';
import { EntityId, UserId } from '../shared/ids';
import { Money } from '../shared/money';
import { SingleLineText } from '../shared/text';
import { definedOnly, given, nullable, parseFields } from '../shared/validation';
import type { OpenOpportunity, ReviseOpportunity } from './opportunity.commands';
import type { OpportunityRevision } from './opportunity.events';
import { DEFAULT_PIPELINE_ID } from '../pipelines/pipeline.definition';
import { parseStageKey } from '../pipelines/pipeline.stages';

const parseName = (raw: unknown): string => SingleLineText.parse(raw, 'name', 200);
const parseCloseDate = (raw: unknown): string => CalendarDate.parse(raw, 'expectedCloseDate');

export function parseOpenOpportunity(data: OpenOpportunity['data'], actor: string) {
  return parseFields({
    opportunityId: () => EntityId.parse(data.opportunityId, 'opportunityId'),
    accountId: () => EntityId.parse(data.accountId, 'accountId'),
    name: () => parseName(data.name),
    amount: () => Money.parse(data.amount, data.currency),
    expectedCloseDate: () => parseCloseDate(data.expectedCloseDate),
    ownerId: () => nullable(data.ownerId, (raw) => UserId.parse(raw, 'ownerId')) ?? UserId.parse(actor, 'actor'),
    primaryContactId: () => nullable(data.primaryContactId, (raw) => EntityId.parse(raw, 'primaryContactId')),
    pipelineId: () => nullable(data.pipelineId, (raw) => EntityId.parse(raw, 'pipelineId')) ?? DEFAULT_PIPELINE_ID,
    /** Null: the pipeline's first OPEN stage. */
    stage: () => (data.stage == null ? null : parseStageKey(data.stage, 'stage')),
  });
}

/** The proposed revision, with the amount as Money; keys are present only when given. */
export function parseRevision(data: ReviseOpportunity['data'], currentCurrency: string) {
  if (data.currency !== undefined && data.amount === undefined) {
    throw ValidationError.field('amount', 'is required when the currency changes');
  }
  return definedOnly(
    parseFields({
      name: () => given(data.name, parseName),
      amount: () => given(data.amount, (raw) => Money.parse(raw, data.currency ?? currentCurrency)),
      expectedCloseDate: () => given(data.expectedCloseDate, parseCloseDate),
    }),
  );
}

export function revisionChanges(
  current: { name: string; amount: Money; expectedCloseDate: string },
  proposed: ReturnType<typeof parseRevision>,
): OpportunityRevision {
  const changes: OpportunityRevision = {};
  if (proposed.name !== undefined && proposed.name !== current.name) changes.name = proposed.name;
  if (proposed.amount !== undefined && !Money.equals(proposed.amount, current.amount)) {
    changes.amount = Money.toJson(proposed.amount);
  }
  if (proposed.expectedCloseDate !== undefined && proposed.expectedCloseDate !== current.expectedCloseDate) {
    changes.expectedCloseDate = proposed.expectedCloseDate;
  }
  return changes;
}
