import { DEFAULT_PIPELINE as pipeline } from '../pipelines/pipeline.definition';
import { given } from '../shared/testing/given-when-then';
import { opportunityDecider } from './opportunity.decider';
import type { OpportunityEvent } from './opportunity.events';
import {
  accountId,
  janeId,
  opened,
  openOpportunity,
  opportunityCommand,
  opportunityId,
  otherAccountId,
  toProposal,
} from './opportunity.fixtures';

const changeStage = (stage: string) => opportunityCommand('ChangeOpportunityStage', { opportunityId, stage, pipeline });
const revise = (data: Omit<Parameters<typeof opportunityCommand<'ReviseOpportunity'>>[1], 'opportunityId'>) =>
  opportunityCommand('ReviseOpportunity', { opportunityId, ...data });

describe('OpenOpportunity', () => {
  it('opens at PROSPECTING, owned by the actor by default', () => {
    given(opportunityDecider).when(openOpportunity()).then([opened]);
  });

  it('opens at a given open stage with an owner and a primary contact at the account', () => {
    const cmd = openOpportunity({ stage: 'PROPOSAL', ownerId: 'rep-2', primaryContactId: janeId, primaryContactAccountId: accountId });
    const data = { ...opened.data, stage: 'PROPOSAL' as const, probability: 50, ownerId: 'rep-2', primaryContactId: janeId };
    given(opportunityDecider).when(cmd).then([{ type: 'OpportunityOpened', data }]);
  });

  it('refuses a closing stage', () => {
    given(opportunityDecider).when(openOpportunity({ stage: 'CLOSED_WON' })).thenThrows('STAGE_NOT_OPEN');
  });

  it('refuses an account the caller could not find', () => {
    given(opportunityDecider).when(openOpportunity({ accountExists: false })).thenThrows('ACCOUNT_NOT_FOUND');
  });

  it.each([otherAccountId, null])('refuses a primary contact whose account is %s', (contactAccountId) => {
    const cmd = openOpportunity({ primaryContactId: janeId, primaryContactAccountId: contactAccountId });
    given(opportunityDecider).when(cmd).thenThrows('CONTACT_NOT_AT_ACCOUNT');
  });

  it('rejects bad money and dates, naming each field', () => {
    const error = given(opportunityDecider)
      .when(openOpportunity({ amount: '-5', currency: 'EURO', expectedCloseDate: '2025-02-30' }))
      .thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'currency' }, { field: 'expectedCloseDate' }] });
  });

  it('refuses to open the same opportunity twice', () => {
    given(opportunityDecider, [opened]).when(openOpportunity()).thenThrows('ALREADY_EXISTS');
  });
});

describe('ChangeOpportunityStage', () => {
  it('moves forwards with the new probability', () => {
    given(opportunityDecider, [opened]).when(changeStage('PROPOSAL')).then([toProposal]);
  });

  it('moves backwards', () => {
    const back: OpportunityEvent = {
      type: 'OpportunityStageChanged',
      data: { opportunityId, accountId, from: 'PROPOSAL', to: 'QUALIFICATION', probability: 20, previousProbability: 50 },
    };
    given(opportunityDecider, [opened, toProposal]).when(changeStage('QUALIFICATION')).then([back]);
  });

  it('is a no-op for the current stage', () => {
    given(opportunityDecider, [opened, toProposal]).when(changeStage('PROPOSAL')).thenNothing();
  });

  it.each(['CLOSED_WON', 'CLOSED_LOST'] as const)('refuses %s: closing is explicit', (stage) => {
    given(opportunityDecider, [opened]).when(changeStage(stage)).thenThrows('STAGE_NOT_OPEN');
  });

  it('is NOT_FOUND for an opportunity that does not exist', () => {
    given(opportunityDecider).when(changeStage('PROPOSAL')).thenThrows('NOT_FOUND');
  });
});

describe('ReviseOpportunity', () => {
  it('records only the changed fields', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityRevised',
      data: { opportunityId, accountId, changes: { amount: { amount: '15000.50', currency: 'EUR' }, expectedCloseDate: '2025-12-31' } },
    };
    given(opportunityDecider, [opened])
      .when(revise({ name: 'Fleet renewal', amount: '15000.5', expectedCloseDate: '2025-12-31' }))
      .then([event]);
  });

  it('changes the currency together with the amount', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityRevised',
      data: { opportunityId, accountId, changes: { amount: { amount: '2000000', currency: 'JPY' } } },
    };
    given(opportunityDecider, [opened]).when(revise({ amount: '2000000', currency: 'JPY' })).then([event]);
  });

  it('needs an amount with a new currency', () => {
    given(opportunityDecider, [opened]).when(revise({ currency: 'USD' })).thenThrows('BAD_USER_INPUT');
  });

  it('is a no-op when nothing changes', () => {
    given(opportunityDecider, [opened]).when(revise({ amount: '12500.00', name: ' Fleet  renewal' })).thenNothing();
  });
});

describe('AssignOpportunity', () => {
  it('assigns to a new owner', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityAssigned',
      data: { opportunityId, accountId, ownerId: 'rep-2', previousOwnerId: 'rep-1' },
    };
    given(opportunityDecider, [opened]).when(opportunityCommand('AssignOpportunity', { opportunityId, ownerId: 'rep-2' })).then([event]);
  });

  it('is a no-op for the same owner', () => {
    given(opportunityDecider, [opened]).when(opportunityCommand('AssignOpportunity', { opportunityId, ownerId: 'rep-1' })).thenNothing();
  });
});
