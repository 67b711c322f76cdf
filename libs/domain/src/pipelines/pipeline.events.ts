import type { Event } from '../shared/decider';
import type { PipelineStageDefinition } from './pipeline.definition';

export type StageMove = { from: string; to: string };

export type PipelineDefined = Event<'PipelineDefined', { pipelineId: string; name: string; stages: PipelineStageDefinition[] }>;

/** The whole new stage list, the one it replaces, and where the open opportunities of each removed stage go. */
export type PipelineRevised = Event<
  'PipelineRevised',
  {
    pipelineId: string;
    name: string;
    stages: PipelineStageDefinition[];
    previousStages: PipelineStageDefinition[];
    moves: StageMove[];
  }
>;

export type PipelineArchived = Event<'PipelineArchived', { pipelineId: string; name: string }>;

export type PipelineEvent = PipelineDefined | PipelineRevised | PipelineArchived;

const pipelineEventTypes: { [T in PipelineEvent['type']]: true } = {
  PipelineDefined: true,
  PipelineRevised: true,
  PipelineArchived: true,
};

export const PIPELINE_EVENT_TYPES = Object.freeze(Object.keys(pipelineEventTypes)) as readonly PipelineEvent['type'][];

export const isPipelineEvent = (event: { type: string }): event is PipelineEvent =>
  Object.hasOwn(pipelineEventTypes, event.type);
