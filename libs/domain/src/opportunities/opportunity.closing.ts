import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { Money } from '../shared/money';
import { FreeText, SingleLineText } from '../shared/text';
import { nullable } from '../shared/validation';
import type { LoseOpportunity, ReopenOpportunity } from './opportunity.commands';
import type { OpportunityEvent } from './opportunity.events';
import { parseOpenStage, requireOpen } from './opportunity.rules';
import type { ExistingOpportunity } from './opportunity.state';
import { LOSS_REASONS, stageProbability } from './stages';

export function win(opportunity: ExistingOpportunity): OpportunityEvent[] {
  const open = requireOpen(opportunity);
  const { opportunityId, accountId, ownerId } = open;
  const amount = Money.toJson(open.amount);
  return [{ type: 'OpportunityWon', data: { opportunityId, accountId, amount, fromStage: open.stage, stage: 'CLOSED_WON', ownerId } }];
}

export function lose(opportunity: ExistingOpportunity, data: LoseOpportunity['data']): OpportunityEvent[] {
  const open = requireOpen(opportunity);
  const reason = parseEnum(LOSS_REASONS, data.reason, 'reason');
  const competitor = nullable(data.competitor, (raw) => SingleLineText.parse(raw, 'competitor', 200));
  const notes = nullable(data.notes, (raw) => FreeText.parse(raw, 'notes', 2000));
  const { opportunityId, accountId, ownerId } = open;
  const amount = Money.toJson(open.amount);
  return [
    {
      type: 'OpportunityLost',
      data: { opportunityId, accountId, amount, fromStage: open.stage, stage: 'CLOSED_LOST', ownerId, reason, competitor, notes },
    },
  ];
}

export function reopen(opportunity: ExistingOpportunity, data: ReopenOpportunity['data']): OpportunityEvent[] {
  if (opportunity.status === 'OPEN') {
    throw new RuleViolation('OPPORTUNITY_NOT_CLOSED', `Opportunity ${opportunity.opportunityId} is open`);
  }
  const to = data.stage == null ? opportunity.closedFromStage : parseOpenStage(data.stage);
  const { opportunityId, accountId } = opportunity;
  const reopened = {
    opportunityId,
    accountId,
    from: opportunity.stage,
    to,
    probability: stageProbability(to),
    amount: Money.toJson(opportunity.amount),
  };
  return [{ type: 'OpportunityReopened', data: reopened }];
}
