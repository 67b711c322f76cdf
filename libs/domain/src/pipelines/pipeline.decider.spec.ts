import { evolveAll } from '../shared/decider';
import { given } from '../shared/testing/given-when-then';
import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from './pipeline.definition';
import { pipelineDecider } from './pipeline.decider';
import type { PipelineEvent } from './pipeline.events';
import { pipelineCommand, RENEWALS, renewalsArchived, renewalsDefined, renewalsId, renewalStages, stage } from './pipeline.fixtures';
import type { PipelineStageInput } from './pipeline.stages';
import { pipelineDefinition } from './pipeline.state';

const define = (stages: PipelineStageInput[] = renewalStages, name = 'Renewals', pipelineId = renewalsId) =>
  pipelineCommand('DefinePipeline', { pipelineId, name, stages });

const withStage = (index: number, changes: Partial<PipelineStageInput>): PipelineStageInput[] =>
  renewalStages.map((s, i) => (i === index ? { ...s, ...changes } : s));

describe('DefinePipeline', () => {
  it('defines a pipeline, keys trimmed and upper-cased', () => {
    const written = renewalStages.map((s, i) => (i === 0 ? { ...s, key: ' upcoming ', name: ' Upcoming ' } : s));
    given(pipelineDecider).when(define(written, ' Renewals ')).then([renewalsDefined]);
  });

  it('refuses a pipeline that exists', () => {
    given(pipelineDecider, [renewalsDefined]).when(define()).thenThrows('ALREADY_EXISTS');
  });

  it('refuses the default pipeline, which exists before anyone defines it', () => {
    given(pipelineDecider).when(define(renewalStages, 'Sales', DEFAULT_PIPELINE_ID)).thenThrows('ALREADY_EXISTS');
  });

  it('names every bad value at once', () => {
    const stages = [
      { key: 'up coming', name: '', probability: 30, kind: 'OPEN', forecastCategory: 'PIPELINE' },
      { key: 'B', name: 'B', probability: 100.5, kind: 'MAYBE', forecastCategory: 'SOMEDAY' },
      { key: 'C'.repeat(41), name: 'C'.repeat(101), probability: -1, kind: 'won', forecastCategory: 'closed' },
    ];
    const error = given(pipelineDecider).when(define(stages, '', 'not-a-uuid')).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({
      fields: [
        { field: 'pipelineId' },
        { field: 'name' },
        { field: 'stages[0].key' },
        { field: 'stages[0].name' },
        { field: 'stages[1].probability' },
        { field: 'stages[1].kind' },
        { field: 'stages[1].forecastCategory' },
        { field: 'stages[2].key' },
        { field: 'stages[2].name' },
        { field: 'stages[2].probability' },
      ],
    });
  });

  it('refuses a key used twice, on its second use', () => {
    const error = given(pipelineDecider).when(define(withStage(2, { key: 'upcoming' }))).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'stages[2].key', message: 'is the key of stages[0] already' }] });
  });

  it('takes at most 30 stages', () => {
    const open = Array.from({ length: 29 }, (_, i) => stage(`S${i}`, `Stage ${i}`, 10, 'OPEN', 'PIPELINE'));
    const closing = [stage('WON', 'Won', 100, 'WON', 'CLOSED'), stage('LOST', 'Lost', 0, 'LOST', 'OMITTED')];
    given(pipelineDecider).when(define([...open.slice(0, 28), ...closing])).then([expect.objectContaining({ type: 'PipelineDefined' })]);
    const error = given(pipelineDecider).when(define([...open, ...closing])).thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'stages' }] });
  });

  it('needs an OPEN stage', () => {
    given(pipelineDecider).when(define(renewalStages.filter((s) => s.kind !== 'OPEN'))).thenThrows('NO_OPEN_STAGE');
    given(pipelineDecider).when(define([])).thenThrows('NO_OPEN_STAGE');
  });

  it.each([
    ['none', renewalStages.filter((s) => s.kind !== 'WON')],
    ['two', [...renewalStages, stage('UPSOLD', 'Upsold', 100, 'WON', 'CLOSED')]],
  ])('needs exactly one WON stage, not %s', (_, stages) => {
    given(pipelineDecider).when(define(stages)).thenThrows('WON_STAGE_COUNT');
  });

  it('needs a LOST stage', () => {
    given(pipelineDecider).when(define(renewalStages.filter((s) => s.kind !== 'LOST'))).thenThrows('NO_LOST_STAGE');
  });
});

describe('ArchivePipeline', () => {
  const archive = (pipelineId = renewalsId) => pipelineCommand('ArchivePipeline', { pipelineId });

  it('archives a pipeline, which keeps its stages', () => {
    given(pipelineDecider, [renewalsDefined]).when(archive()).then([renewalsArchived]);
    const state = evolveAll(pipelineDecider, [renewalsDefined, renewalsArchived]);
    expect(pipelineDefinition(state, renewalsId)).toEqual({ ...RENEWALS, archived: true });
  });

  it('is a no-op the second time', () => {
    given(pipelineDecider, [renewalsDefined, renewalsArchived]).when(archive()).thenNothing();
  });

  it('never archives the default pipeline', () => {
    given(pipelineDecider).when(archive(DEFAULT_PIPELINE_ID)).thenThrows('DEFAULT_PIPELINE_ARCHIVED');
  });

  it('is NOT_FOUND for a pipeline never defined', () => {
    given(pipelineDecider).when(archive()).thenThrows('NOT_FOUND');
  });
});

describe('the pipeline a stream holds', () => {
  it('is the default pipeline while the default stream is empty, and nothing for another empty stream', () => {
    const empty = pipelineDecider.initialState();
    expect(pipelineDefinition(empty, DEFAULT_PIPELINE_ID)).toEqual(DEFAULT_PIPELINE);
    expect(pipelineDefinition(empty, renewalsId)).toBeNull();
  });

  it('is the definition its events give', () => {
    const events: PipelineEvent[] = [renewalsDefined];
    expect(pipelineDefinition(evolveAll(pipelineDecider, events), renewalsId)).toEqual(RENEWALS);
  });
});
