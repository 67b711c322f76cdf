import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, type PipelineDefinition } from '../pipelines/pipeline.definition';
import { RENEWALS, renewalsId } from '../pipelines/pipeline.fixtures';
import { given } from '../shared/testing/given-when-then';
import { opportunityDecider } from './opportunity.decider';
import type { OpportunityEvent, OpportunityOpened } from './opportunity.events';
import { accountId, opened, openOpportunity, opportunityCommand, opportunityId } from './opportunity.fixtures';

const amount = { amount: '12500.00', currency: 'EUR' };
const inRenewals: OpportunityOpened = { type: 'OpportunityOpened', data: { ...opened.data, pipelineId: renewalsId, stage: 'UPCOMING', probability: 30 } };
const toConversation: OpportunityEvent = {
  type: 'OpportunityStageChanged',
  data: { opportunityId, accountId, from: 'UPCOMING', to: 'IN_CONVERSATION', probability: 60, previousProbability: 30 },
};
/** Renewals after a revision took IN_CONVERSATION away and re-weighted COMMITTED. */
const REVISED: PipelineDefinition = {
  ...RENEWALS,
  stages: RENEWALS.stages.filter((s) => s.key !== 'IN_CONVERSATION').map((s) => (s.key === 'COMMITTED' ? { ...s, probability: 85 } : s)),
};

const lostIn = (stage: string): Extract<OpportunityEvent, { type: 'OpportunityLost' }> => ({
  type: 'OpportunityLost',
  data: { opportunityId, accountId, amount, fromStage: 'UPCOMING', stage, ownerId: 'rep-1', reason: 'PRICE', competitor: null, notes: null },
});

const changeStage = (stage: string, pipeline: PipelineDefinition | null = RENEWALS, ifAtStage?: string) =>
  opportunityCommand('ChangeOpportunityStage', { opportunityId, stage, pipeline, ifAtStage });

describe('OpenOpportunity in a pipeline', () => {
  it('opens at the first OPEN stage of the pipeline asked for, with its probability', () => {
    given(opportunityDecider).when(openOpportunity({ pipelineId: renewalsId, pipeline: RENEWALS })).then([inRenewals]);
  });

  it('opens at a given OPEN stage of that pipeline', () => {
    const event = { type: 'OpportunityOpened', data: { ...inRenewals.data, stage: 'COMMITTED', probability: 90 } };
    given(opportunityDecider).when(openOpportunity({ pipelineId: renewalsId, pipeline: RENEWALS, stage: ' committed ' })).then([event as OpportunityEvent]);
  });

  it('goes to the default pipeline without a pipelineId', () => {
    given(opportunityDecider).when(openOpportunity({ pipelineId: null })).then([opened]);
    expect(opened.data.pipelineId).toBe(DEFAULT_PIPELINE_ID);
  });

  it('refuses a pipeline that does not exist', () => {
    given(opportunityDecider).when(openOpportunity({ pipelineId: renewalsId, pipeline: null })).thenThrows('PIPELINE_NOT_FOUND');
  });

  it('refuses an archived pipeline', () => {
    given(opportunityDecider).when(openOpportunity({ pipelineId: renewalsId, pipeline: { ...RENEWALS, archived: true } })).thenThrows('PIPELINE_ARCHIVED');
  });

  it.each([
    ['PROSPECTING', 'STAGE_NOT_IN_PIPELINE'],
    ['RENEWED', 'STAGE_NOT_OPEN'],
    ['CHURNED', 'STAGE_NOT_OPEN'],
    ['not a key!', 'BAD_USER_INPUT'],
  ])('refuses stage %s: %s', (stage, reason) => {
    given(opportunityDecider).when(openOpportunity({ pipelineId: renewalsId, pipeline: RENEWALS, stage })).thenThrows(reason);
  });

  it('names a malformed pipelineId', () => {
    const error = given(opportunityDecider).when(openOpportunity({ pipelineId: 'sales', pipeline: null })).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'pipelineId' }] });
  });
});

describe('ChangeOpportunityStage in a pipeline', () => {
  it('moves to an OPEN stage of its pipeline as it is now, weighed as it is now', () => {
    const event: OpportunityEvent = {
      type: 'OpportunityStageChanged',
      data: { opportunityId, accountId, from: 'IN_CONVERSATION', to: 'COMMITTED', probability: 85, previousProbability: 0 },
    };
    given(opportunityDecider, [inRenewals, toConversation]).when(changeStage('COMMITTED', REVISED)).then([event]);
  });

  it.each([
    ['PROPOSAL', 'STAGE_NOT_IN_PIPELINE'],
    ['RENEWED', 'STAGE_NOT_OPEN'],
    ['', 'BAD_USER_INPUT'],
  ])('refuses %p: %s', (stage, reason) => {
    given(opportunityDecider, [inRenewals]).when(changeStage(stage)).thenThrows(reason);
  });

  it('refuses a stage a revision took away', () => {
    given(opportunityDecider, [inRenewals]).when(changeStage('IN_CONVERSATION', REVISED)).thenThrows('STAGE_NOT_IN_PIPELINE');
  });

  it('with ifAtStage, moves only an open opportunity still at that stage', () => {
    const moved: OpportunityEvent = {
      type: 'OpportunityStageChanged',
      data: { opportunityId, accountId, from: 'IN_CONVERSATION', to: 'COMMITTED', probability: 85, previousProbability: 0 },
    };
    given(opportunityDecider, [inRenewals, toConversation]).when(changeStage('COMMITTED', REVISED, 'in_conversation')).then([moved]);
    given(opportunityDecider, [inRenewals]).when(changeStage('COMMITTED', REVISED, 'IN_CONVERSATION')).thenNothing();
    const lost: OpportunityEvent = { type: 'OpportunityLost', data: { ...lostIn('CHURNED').data, fromStage: 'IN_CONVERSATION' } };
    given(opportunityDecider, [inRenewals, toConversation, lost]).when(changeStage('COMMITTED', REVISED, 'IN_CONVERSATION')).thenNothing();
  });

  it("with ifInPipeline, leaves an opportunity that went to another pipeline at a stage of the same key", () => {
    const inDefault: OpportunityEvent = {
      type: 'OpportunityMovedToPipeline',
      data: { opportunityId, accountId, fromPipelineId: renewalsId, toPipelineId: DEFAULT_PIPELINE_ID, from: 'UPCOMING', to: 'PROPOSAL', probability: 50, previousProbability: 30 },
    };
    const revisionMove = (pipelineId: string) =>
      opportunityCommand('ChangeOpportunityStage', { opportunityId, stage: 'COMMITTED', pipeline: DEFAULT_PIPELINE, ifAtStage: 'PROPOSAL', ifInPipeline: pipelineId });
    given(opportunityDecider, [inRenewals, inDefault]).when(revisionMove(renewalsId)).thenNothing();
    given(opportunityDecider, [inRenewals, inDefault]).when(revisionMove(DEFAULT_PIPELINE_ID)).thenThrows('STAGE_NOT_IN_PIPELINE');
  });
});

describe('closing in a pipeline', () => {
  const lose = (stage?: string) => opportunityCommand('LoseOpportunity', { opportunityId, reason: 'PRICE', stage, pipeline: RENEWALS });

  it('wins at the pipeline\'s WON stage', () => {
    const won: OpportunityEvent = {
      type: 'OpportunityWon',
      data: { opportunityId, accountId, amount, fromStage: 'UPCOMING', stage: 'RENEWED', ownerId: 'rep-1' },
    };
    given(opportunityDecider, [inRenewals]).when(opportunityCommand('WinOpportunity', { opportunityId, pipeline: RENEWALS })).then([won]);
  });

  it('loses at the first LOST stage by default, or at the LOST stage asked for', () => {
    given(opportunityDecider, [inRenewals]).when(lose()).then([lostIn('CHURNED')]);
    given(opportunityDecider, [inRenewals]).when(lose(' downgraded')).then([lostIn('DOWNGRADED')]);
  });

  it.each([
    ['UPCOMING', 'STAGE_NOT_LOST'],
    ['RENEWED', 'STAGE_NOT_LOST'],
    ['CLOSED_LOST', 'STAGE_NOT_IN_PIPELINE'],
    ['lost-ish', 'BAD_USER_INPUT'],
  ])('refuses to lose at %s: %s', (stage, reason) => {
    given(opportunityDecider, [inRenewals]).when(lose(stage)).thenThrows(reason);
  });

  it('refuses to decide against another pipeline than the opportunity\'s (a caller\'s bug)', () => {
    const win = opportunityCommand('WinOpportunity', { opportunityId, pipeline: DEFAULT_PIPELINE });
    expect(() => opportunityDecider.decide(win, opportunityDecider.evolve(opportunityDecider.initialState(), inRenewals))).toThrow(/pipeline/);
  });
});

describe('ReopenOpportunity in a pipeline', () => {
  const reopen = (pipeline: PipelineDefinition, stage?: string) => opportunityCommand('ReopenOpportunity', { opportunityId, stage, pipeline });
  const lostFromConversation: OpportunityEvent = { type: 'OpportunityLost', data: { ...lostIn('CHURNED').data, fromStage: 'IN_CONVERSATION' } };
  const reopened = (to: string, probability: number): OpportunityEvent => ({
    type: 'OpportunityReopened',
    data: { opportunityId, accountId, from: 'CHURNED', to, probability, amount },
  });

  it('reopens at the stage it closed from while that is still an OPEN stage', () => {
    given(opportunityDecider, [inRenewals, toConversation, lostFromConversation]).when(reopen(RENEWALS)).then([reopened('IN_CONVERSATION', 60)]);
  });

  it('reopens at the first OPEN stage when a revision took that stage away', () => {
    given(opportunityDecider, [inRenewals, toConversation, lostFromConversation]).when(reopen(REVISED)).then([reopened('UPCOMING', 30)]);
  });

  it('reopens at an OPEN stage asked for, and refuses others', () => {
    given(opportunityDecider, [inRenewals, lostIn('CHURNED')]).when(reopen(REVISED, 'committed')).then([reopened('COMMITTED', 85)]);
    given(opportunityDecider, [inRenewals, lostIn('CHURNED')]).when(reopen(REVISED, 'IN_CONVERSATION')).thenThrows('STAGE_NOT_IN_PIPELINE');
    given(opportunityDecider, [inRenewals, lostIn('CHURNED')]).when(reopen(REVISED, 'RENEWED')).thenThrows('STAGE_NOT_OPEN');
  });
});
