import { DEFAULT_PIPELINE as pipeline } from '../pipelines/pipeline.definition';
import { given } from '../shared/testing/given-when-then';
import { opportunityDecider } from './opportunity.decider';
import type { OpportunityEvent } from './opportunity.events';
import { accountId, lost, opened, opportunityCommand, opportunityId, toProposal, won } from './opportunity.fixtures';

const win = opportunityCommand('WinOpportunity', { opportunityId, pipeline });
const lose = opportunityCommand('LoseOpportunity', { opportunityId, reason: 'LOST_TO_COMPETITOR', competitor: ' Globex ', notes: '', pipeline });
const reopen = (stage?: 'QUALIFICATION' | 'CLOSED_WON') => opportunityCommand('ReopenOpportunity', { opportunityId, stage, pipeline });
const amount = { amount: '12500.00', currency: 'EUR' };

describe('WinOpportunity', () => {
  it('wins with the amount and the stage it closed from', () => {
    given(opportunityDecider, [opened, toProposal]).when(win).then([won]);
  });
});

describe('LoseOpportunity', () => {
  it('loses with a reason, competitor, amount and the stage it closed from', () => {
    given(opportunityDecider, [opened, toProposal]).when(lose).then([lost]);
  });

  it('needs a known reason', () => {
    const cmd = opportunityCommand('LoseOpportunity', { opportunityId, reason: 'BAD_LUCK' as never, pipeline });
    given(opportunityDecider, [opened]).when(cmd).thenThrows('BAD_USER_INPUT');
  });
});

describe('a closed opportunity changes only by reopening', () => {
  const commands = [
    win,
    lose,
    opportunityCommand('ChangeOpportunityStage', { opportunityId, stage: 'NEGOTIATION', pipeline }),
    opportunityCommand('ReviseOpportunity', { opportunityId, name: 'Other' }),
    opportunityCommand('AssignOpportunity', { opportunityId, ownerId: 'rep-1' }),
  ];

  it.each(commands)('refuses $type when won', (command) => {
    given(opportunityDecider, [opened, toProposal, won]).when(command).thenThrows('OPPORTUNITY_CLOSED');
  });

  it.each(commands)('refuses $type when lost', (command) => {
    given(opportunityDecider, [opened, toProposal, lost]).when(command).thenThrows('OPPORTUNITY_CLOSED');
  });
});

describe('ReopenOpportunity', () => {
  it('reopens at the stage it was closed from by default', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityReopened',
      data: { opportunityId, accountId, from: 'CLOSED_WON', to: 'PROPOSAL', probability: 50, amount },
    };
    given(opportunityDecider, [opened, toProposal, won]).when(reopen()).then([event]);
  });

  it('reopens a lost opportunity at a chosen open stage', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityReopened',
      data: { opportunityId, accountId, from: 'CLOSED_LOST', to: 'QUALIFICATION', probability: 20, amount },
    };
    given(opportunityDecider, [opened, toProposal, lost]).when(reopen('QUALIFICATION')).then([event]);
  });

  it('refuses a closing stage', () => {
    given(opportunityDecider, [opened, lost]).when(reopen('CLOSED_WON')).thenThrows('STAGE_NOT_OPEN');
  });

  it('refuses an open opportunity', () => {
    given(opportunityDecider, [opened]).when(reopen()).thenThrows('OPPORTUNITY_NOT_CLOSED');
  });

  it('lets a reopened opportunity move again', () => {
    const reopened: OpportunityEvent = {
      type: 'OpportunityReopened',
      data: { opportunityId, accountId, from: 'CLOSED_WON', to: 'PROPOSAL', probability: 50, amount },
    };
    given(opportunityDecider, [opened, toProposal, won, reopened]).when(win).then([won]);
  });
});
