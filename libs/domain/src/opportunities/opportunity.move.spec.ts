import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, type PipelineDefinition } from '../pipelines/pipeline.definition';
import { RENEWALS, renewalsId } from '../pipelines/pipeline.fixtures';
import { given } from '../shared/testing/given-when-then';
import { opportunityDecider } from './opportunity.decider';
import type { OpportunityEvent } from './opportunity.events';
import { accountId, lost, opened, opportunityCommand, opportunityId, toProposal, won } from './opportunity.fixtures';

const move = (pipelineId: string, pipeline: PipelineDefinition | null, stage?: string | null) =>
  opportunityCommand('MoveOpportunityToPipeline', { opportunityId, pipelineId, stage, pipeline, currentPipeline: DEFAULT_PIPELINE });

const moved = (to: string, probability: number): OpportunityEvent => ({
  type: 'OpportunityMovedToPipeline',
  data: { opportunityId, accountId, fromPipelineId: DEFAULT_PIPELINE_ID, toPipelineId: renewalsId, from: 'PROPOSAL', to, probability, previousProbability: 50 },
});

describe('MoveOpportunityToPipeline', () => {
  it('takes an open opportunity to the first OPEN stage of another pipeline', () => {
    given(opportunityDecider, [opened, toProposal]).when(move(renewalsId, RENEWALS)).then([moved('UPCOMING', 30)]);
  });

  it('takes it to an OPEN stage asked for', () => {
    given(opportunityDecider, [opened, toProposal]).when(move(renewalsId.toUpperCase(), RENEWALS, 'committed')).then([moved('COMMITTED', 90)]);
  });

  it('lets it move on in its new pipeline', () => {
    const next: OpportunityEvent = {
      type: 'OpportunityStageChanged',
      data: { opportunityId, accountId, from: 'UPCOMING', to: 'COMMITTED', probability: 90, previousProbability: 30 },
    };
    const change = opportunityCommand('ChangeOpportunityStage', { opportunityId, stage: 'COMMITTED', pipeline: RENEWALS });
    given(opportunityDecider, [opened, toProposal, moved('UPCOMING', 30)]).when(change).then([next]);
  });

  it('within its own pipeline is a stage change, and a no-op at the same stage or without one', () => {
    const change: OpportunityEvent = {
      type: 'OpportunityStageChanged',
      data: { opportunityId, accountId, from: 'PROPOSAL', to: 'NEGOTIATION', probability: 80, previousProbability: 50 },
    };
    given(opportunityDecider, [opened, toProposal]).when(move(DEFAULT_PIPELINE_ID, DEFAULT_PIPELINE, 'NEGOTIATION')).then([change]);
    given(opportunityDecider, [opened, toProposal]).when(move(DEFAULT_PIPELINE_ID, DEFAULT_PIPELINE, 'proposal')).thenNothing();
    given(opportunityDecider, [opened]).when(move(DEFAULT_PIPELINE_ID, DEFAULT_PIPELINE)).thenNothing();
    given(opportunityDecider, [opened, toProposal]).when(move(DEFAULT_PIPELINE_ID, DEFAULT_PIPELINE)).thenNothing();
  });

  it.each([
    ['won', won],
    ['lost', lost],
  ])('refuses a %s opportunity: it keeps the stage it closed in', (_, closed) => {
    given(opportunityDecider, [opened, toProposal, closed]).when(move(renewalsId, RENEWALS)).thenThrows('OPPORTUNITY_CLOSED');
  });

  it('refuses a pipeline that does not exist or is archived', () => {
    given(opportunityDecider, [opened]).when(move(renewalsId, null)).thenThrows('PIPELINE_NOT_FOUND');
    given(opportunityDecider, [opened]).when(move(renewalsId, { ...RENEWALS, archived: true })).thenThrows('PIPELINE_ARCHIVED');
  });

  it.each([
    ['PROPOSAL', 'STAGE_NOT_IN_PIPELINE'],
    ['RENEWED', 'STAGE_NOT_OPEN'],
    ['up coming', 'BAD_USER_INPUT'],
  ])('refuses stage %s of the target: %s', (stage, reason) => {
    given(opportunityDecider, [opened]).when(move(renewalsId, RENEWALS, stage)).thenThrows(reason);
  });

  it('names a malformed pipelineId', () => {
    const error = given(opportunityDecider, [opened]).when(move('renewals', null)).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'pipelineId' }] });
  });

  it('is NOT_FOUND for an opportunity that does not exist', () => {
    given(opportunityDecider).when(move(renewalsId, RENEWALS)).thenThrows('NOT_FOUND');
  });
});
