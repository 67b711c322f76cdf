import type { Command } from '../shared/decider';
import type { StageMoveInput } from './pipeline.moves';
import type { PipelineStageInput } from './pipeline.stages';

export type DefinePipeline = Command<'DefinePipeline', { pipelineId: string; name: string; stages: PipelineStageInput[] }>;

/**
 * `stages` is the whole new list, in order. `name` omitted keeps the name. `moves` says where the open
 * opportunities of each removed open stage go; a process moves them after the revision is recorded.
 */
export type RevisePipeline = Command<
  'RevisePipeline',
  { pipelineId: string; name?: string | null; stages: PipelineStageInput[]; moves?: StageMoveInput[] | null }
>;

export type ArchivePipeline = Command<'ArchivePipeline', { pipelineId: string }>;

export type PipelineCommand = DefinePipeline | RevisePipeline | ArchivePipeline;
