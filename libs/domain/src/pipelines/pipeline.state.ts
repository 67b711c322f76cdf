import { assertNever } from '../shared/assert-never';
import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, type PipelineDefinition, type PipelineStageDefinition } from './pipeline.definition';
import type { PipelineEvent } from './pipeline.events';

export type UnknownPipeline = { status: 'Unknown' };
export type DefinedPipeline = {
  status: 'ACTIVE' | 'ARCHIVED';
  pipelineId: string;
  name: string;
  stages: readonly PipelineStageDefinition[];
};
export type PipelineState = UnknownPipeline | DefinedPipeline;

export const initialPipelineState = (): PipelineState => ({ status: 'Unknown' });

const DEFAULT_STATE: DefinedPipeline = Object.freeze({
  status: 'ACTIVE',
  pipelineId: DEFAULT_PIPELINE_ID,
  name: DEFAULT_PIPELINE.name,
  stages: DEFAULT_PIPELINE.stages,
});

/**
 * The pipeline a stream holds, or the default pipeline for its stream while that is still empty:
 * every store has the default pipeline without anyone defining it. Null for any other empty stream.
 */
export function definedPipeline(state: PipelineState, pipelineId: string): DefinedPipeline | null {
  if (state.status !== 'Unknown') return state;
  return pipelineId.trim().toLowerCase() === DEFAULT_PIPELINE_ID ? DEFAULT_STATE : null;
}

/** The definition deciders of opportunities take as a fact; null when there is no such pipeline. */
export function pipelineDefinition(state: PipelineState, pipelineId: string): PipelineDefinition | null {
  const pipeline = definedPipeline(state, pipelineId);
  if (pipeline === null) return null;
  const { name, stages } = pipeline;
  return { pipelineId: pipeline.pipelineId, name, archived: pipeline.status === 'ARCHIVED', stages };
}

export function evolvePipeline(state: PipelineState, event: PipelineEvent): PipelineState {
  switch (event.type) {
    case 'PipelineDefined':
    case 'PipelineRevised': {
      // A revision carries the whole definition, so the default pipeline's first event may be one.
      const { pipelineId, name, stages } = event.data;
      return { status: state.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE', pipelineId, name, stages };
    }
    case 'PipelineArchived': {
      const { pipelineId, name } = event.data;
      return { status: 'ARCHIVED', pipelineId, name, stages: state.status === 'Unknown' ? [] : state.stages };
    }
    default:
      return assertNever(event);
  }
}
