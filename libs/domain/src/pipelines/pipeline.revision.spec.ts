import { given } from '../shared/testing/given-when-then';
import { DEFAULT_PIPELINE_ID } from './pipeline.definition';
import { pipelineDecider } from './pipeline.decider';
import type { PipelineEvent, PipelineRevised } from './pipeline.events';
import { defaultStages, pipelineCommand, renewalsArchived, renewalsDefined, renewalsId, renewalStages, stage } from './pipeline.fixtures';
import type { StageMoveInput } from './pipeline.moves';
import type { PipelineStageInput } from './pipeline.stages';

const revise = (stages: PipelineStageInput[], moves?: StageMoveInput[], name?: string, pipelineId = renewalsId) =>
  pipelineCommand('RevisePipeline', { pipelineId, name, stages, moves });

const revised = (stages: PipelineRevised['data']['stages'], moves: PipelineRevised['data']['moves'] = [], name = 'Renewals'): PipelineEvent => ({
  type: 'PipelineRevised',
  data: { pipelineId: renewalsId, name, stages, previousStages: renewalStages, moves },
});

/** Renewals without IN_CONVERSATION: its open opportunities need somewhere to go. */
const withoutConversation = renewalStages.filter((s) => s.key !== 'IN_CONVERSATION');

describe('RevisePipeline', () => {
  it('renames, re-weights and re-categorises stages, adds a LOST one, and records both lists', () => {
    const stages = renewalStages.map((s) => (s.key === 'UPCOMING' ? { ...s, name: 'Coming up', probability: 25, forecastCategory: 'OMITTED' as const } : s));
    const next = [...stages, stage('MERGED', 'Merged away', 0, 'LOST', 'OMITTED')];
    given(pipelineDecider, [renewalsDefined]).when(revise(next, undefined, 'Renewals 2026')).then([revised(next, [], 'Renewals 2026')]);
  });

  it('keeps the name when none is given', () => {
    const next = renewalStages.map((s) => (s.key === 'COMMITTED' ? { ...s, probability: 95 } : s));
    given(pipelineDecider, [renewalsDefined]).when(revise(next)).then([revised(next)]);
  });

  it('removes an open stage with a move for its open opportunities, keys read as keys', () => {
    const moves = [{ from: ' in_conversation ', to: 'committed' }];
    given(pipelineDecider, [renewalsDefined])
      .when(revise(withoutConversation, moves))
      .then([revised(withoutConversation, [{ from: 'IN_CONVERSATION', to: 'COMMITTED' }])]);
  });

  it('needs a move for each removed open stage', () => {
    given(pipelineDecider, [renewalsDefined]).when(revise(withoutConversation)).thenThrows('MOVE_REQUIRED');
  });

  it('refuses moves that do not take a removed open stage to an open stage of the new list, naming each', () => {
    const moves = [
      { from: 'IN_CONVERSATION', to: 'RENEWED' },
      { from: 'UPCOMING', to: 'COMMITTED' },
      { from: 'IN_CONVERSATION', to: 'IN_CONVERSATION' },
      { from: '', to: 'COMMITTED' },
    ];
    const error = given(pipelineDecider, [renewalsDefined]).when(revise(withoutConversation, moves)).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({
      fields: [
        { field: 'moves[3].from' },
        { field: 'moves[0].to' },
        { field: 'moves[1].from' },
        { field: 'moves[2].from', message: 'IN_CONVERSATION is moved already' },
        { field: 'moves[2].to' },
      ],
    });
  });

  it('never changes what a kept key is', () => {
    const next = renewalStages.map((s) => (s.key === 'CHURNED' ? { ...s, kind: 'OPEN' as const } : s));
    given(pipelineDecider, [renewalsDefined]).when(revise(next)).thenThrows('STAGE_KIND_CHANGED');
  });

  it.each(['RENEWED', 'DOWNGRADED'])('keeps %s: closed opportunities keep the stage they closed in', (key) => {
    const next = [...renewalStages.filter((s) => s.key !== key), ...(key === 'RENEWED' ? [stage('WON', 'Won', 100, 'WON', 'CLOSED')] : [])];
    given(pipelineDecider, [renewalsDefined]).when(revise(next)).thenThrows('CLOSING_STAGE_REMOVED');
  });

  it('holds the new list to the rules of a definition', () => {
    given(pipelineDecider, [renewalsDefined]).when(revise([...renewalStages, stage('UPSOLD', 'Upsold', 100, 'WON', 'CLOSED')])).thenThrows('WON_STAGE_COUNT');
    const error = given(pipelineDecider, [renewalsDefined]).when(revise(renewalStages.map((s) => ({ ...s, probability: 101 })))).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: expect.arrayContaining([{ field: 'stages[5].probability', message: expect.any(String) }]) });
  });

  it('is a no-op when it changes nothing', () => {
    given(pipelineDecider, [renewalsDefined]).when(revise(renewalStages.map((s) => ({ ...s, key: s.key.toLowerCase() })), [], ' Renewals')).thenNothing();
  });

  it('refuses an archived pipeline', () => {
    given(pipelineDecider, [renewalsDefined, renewalsArchived]).when(revise(renewalStages, [], 'Other')).thenThrows('PIPELINE_ARCHIVED');
  });

  it('is NOT_FOUND for a pipeline never defined', () => {
    given(pipelineDecider).when(revise(renewalStages)).thenThrows('NOT_FOUND');
  });

  it('starts the default pipeline from its well-known stages while its stream is empty', () => {
    const stages = defaultStages().map((s) => (s.key === 'PROPOSAL' ? { ...s, probability: 40 } : s));
    const event: PipelineEvent = {
      type: 'PipelineRevised',
      data: { pipelineId: DEFAULT_PIPELINE_ID, name: 'Sales', stages, previousStages: defaultStages(), moves: [] },
    };
    given(pipelineDecider).when(revise(stages, undefined, undefined, DEFAULT_PIPELINE_ID)).then([event]);
  });

  it('revises from the last revision', () => {
    const first = renewalStages.map((s) => (s.key === 'UPCOMING' ? { ...s, probability: 20 } : s));
    const second = first.map((s) => (s.key === 'UPCOMING' ? { ...s, probability: 25 } : s));
    const event: PipelineEvent = {
      type: 'PipelineRevised',
      data: { pipelineId: renewalsId, name: 'Renewals', stages: second, previousStages: first, moves: [] },
    };
    given(pipelineDecider, [renewalsDefined, revised(first)]).when(revise(second)).then([event]);
  });
});
