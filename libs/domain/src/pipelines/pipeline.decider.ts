import { assertNever } from '../shared/assert-never';
import type { Decider } from '../shared/decider';
import { NotFoundError, RuleViolation } from '../shared/errors';
import { EntityId } from '../shared/ids';
import { given, parseFields } from '../shared/validation';
import type { DefinePipeline, PipelineCommand, RevisePipeline } from './pipeline.commands';
import { DEFAULT_PIPELINE_ID } from './pipeline.definition';
import type { PipelineEvent } from './pipeline.events';
import { parseMoves } from './pipeline.moves';
import { requireClosingStagesKept, requireKeptKinds, requireWorkableStages, sameStages } from './pipeline.rules';
import { parsePipelineName, parseStages } from './pipeline.stages';
import { definedPipeline, evolvePipeline, initialPipelineState, type DefinedPipeline, type PipelineState } from './pipeline.state';

function define(state: PipelineState, data: DefinePipeline['data']): PipelineEvent[] {
  const { pipelineId, name, stages } = parseFields({
    pipelineId: () => EntityId.parse(data.pipelineId, 'pipelineId'),
    name: () => parsePipelineName(data.name),
    stages: () => parseStages(data.stages),
  });
  if (definedPipeline(state, pipelineId) !== null) {
    throw new RuleViolation('ALREADY_EXISTS', `Pipeline ${pipelineId} already exists`);
  }
  requireWorkableStages(stages);
  return [{ type: 'PipelineDefined', data: { pipelineId, name, stages } }];
}

function revise(pipeline: DefinedPipeline, data: RevisePipeline['data']): PipelineEvent[] {
  if (pipeline.status === 'ARCHIVED') {
    throw new RuleViolation('PIPELINE_ARCHIVED', `Pipeline ${pipeline.name} is archived and can no longer change`);
  }
  const parsed = parseFields({
    name: () => (data.name == null ? undefined : given(data.name, parsePipelineName)),
    stages: () => parseStages(data.stages),
  });
  const name = parsed.name ?? pipeline.name;
  const { stages } = parsed;
  const previousStages = [...pipeline.stages];
  requireWorkableStages(stages);
  requireKeptKinds(previousStages, stages);
  requireClosingStagesKept(previousStages, stages);
  const moves = parseMoves(data.moves, previousStages, stages);
  if (name === pipeline.name && sameStages(previousStages, stages)) return [];
  return [{ type: 'PipelineRevised', data: { pipelineId: pipeline.pipelineId, name, stages, previousStages, moves } }];
}

function archive(pipeline: DefinedPipeline): PipelineEvent[] {
  if (pipeline.pipelineId === DEFAULT_PIPELINE_ID) {
    throw new RuleViolation('DEFAULT_PIPELINE_ARCHIVED', 'The default pipeline takes every opportunity opened without one: it cannot be archived');
  }
  if (pipeline.status === 'ARCHIVED') return [];
  const { pipelineId, name } = pipeline;
  return [{ type: 'PipelineArchived', data: { pipelineId, name } }];
}

function requirePipeline(state: PipelineState, pipelineId: string): DefinedPipeline {
  const pipeline = definedPipeline(state, pipelineId);
  if (pipeline === null || pipeline.pipelineId !== pipelineId.trim().toLowerCase()) throw new NotFoundError('Pipeline', pipelineId);
  return pipeline;
}

export function decidePipeline(command: PipelineCommand, state: PipelineState): PipelineEvent[] {
  switch (command.type) {
    case 'DefinePipeline':
      return define(state, command.data);
    case 'RevisePipeline':
      return revise(requirePipeline(state, command.data.pipelineId), command.data);
    case 'ArchivePipeline':
      return archive(requirePipeline(state, command.data.pipelineId));
    default:
      return assertNever(command);
  }
}

export const pipelineDecider: Decider<PipelineCommand, PipelineEvent, PipelineState> = {
  decide: decidePipeline,
  evolve: evolvePipeline,
  initialState: initialPipelineState,
};
