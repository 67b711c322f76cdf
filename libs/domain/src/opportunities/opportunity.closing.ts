import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { Money } from '../shared/money';
import { FreeText, SingleLineText } from '../shared/text';
import { nullable, parseFields } from '../shared/validation';
import { parseStageKey } from '../pipelines/pipeline.stages';
import type { LoseOpportunity, ReopenOpportunity, WinOpportunity } from './opportunity.commands';
import type { OpportunityEvent } from './opportunity.events';
import { firstStageOf, lostStageIn, openStageIn, requirePipelineOf } from './opportunity.pipeline';
import { requireOpen } from './opportunity.rules';
import type { ExistingOpportunity } from './opportunity.state';
import { LOSS_REASONS } from './stages';

/** To the pipeline's one WON stage. */
export function win(opportunity: ExistingOpportunity, data: WinOpportunity['data']): OpportunityEvent[] {
  const open = requireOpen(opportunity);
  const pipeline = requirePipelineOf(open.pipelineId, data.pipeline);
  const { opportunityId, accountId, ownerId } = open;
  const amount = Money.toJson(open.amount);
  const stage = firstStageOf(pipeline, 'WON').key;
  return [{ type: 'OpportunityWon', data: { opportunityId, accountId, amount, fromStage: open.stage, stage, ownerId } }];
}

/** To a LOST stage of the pipeline: the one asked for, else its first. */
export function lose(opportunity: ExistingOpportunity, data: LoseOpportunity['data']): OpportunityEvent[] {
  const open = requireOpen(opportunity);
  const { reason, competitor, notes, stageKey } = parseFields({
    reason: () => parseEnum(LOSS_REASONS, data.reason, 'reason'),
    competitor: () => nullable(data.competitor, (raw) => SingleLineText.parse(raw, 'competitor', 200)),
    notes: () => nullable(data.notes, (raw) => FreeText.parse(raw, 'notes', 2000)),
    stageKey: () => (data.stage == null ? null : parseStageKey(data.stage, 'stage')),
  });
  const pipeline = requirePipelineOf(open.pipelineId, data.pipeline);
  const stage = stageKey === null ? firstStageOf(pipeline, 'LOST').key : lostStageIn(pipeline, stageKey).key;
  const { opportunityId, accountId, ownerId } = open;
  const amount = Money.toJson(open.amount);
  return [
    {
      type: 'OpportunityLost',
      data: { opportunityId, accountId, amount, fromStage: open.stage, stage, ownerId, reason, competitor, notes },
    },
  ];
}

/** A stage asked for must be OPEN; by default the stage it closed from, unless a revision took that away. */
export function reopen(opportunity: ExistingOpportunity, data: ReopenOpportunity['data']): OpportunityEvent[] {
  if (opportunity.status === 'OPEN') {
    throw new RuleViolation('OPPORTUNITY_NOT_CLOSED', `Opportunity ${opportunity.opportunityId} is open`);
  }
  const pipeline = requirePipelineOf(opportunity.pipelineId, data.pipeline);
  const closedFrom = pipeline.stages.find((stage) => stage.key === opportunity.closedFromStage && stage.kind === 'OPEN');
  const to = data.stage == null ? (closedFrom ?? firstStageOf(pipeline, 'OPEN')) : openStageIn(pipeline, data.stage);
  const { opportunityId, accountId } = opportunity;
  const reopened = {
    opportunityId,
    accountId,
    from: opportunity.stage,
    to: to.key,
    probability: to.probability,
    amount: Money.toJson(opportunity.amount),
  };
  return [{ type: 'OpportunityReopened', data: reopened }];
}
