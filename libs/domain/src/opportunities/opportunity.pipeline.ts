import { stageOf, stagesOfKind, type PipelineDefinition, type PipelineStageDefinition, type StageKind } from '../pipelines/pipeline.definition';
import { parseStageKey } from '../pipelines/pipeline.stages';
import { RuleViolation } from '../shared/errors';

/** The pipeline fact of a command about an existing opportunity: its own pipeline, as it is now. */
export function requirePipelineOf(pipelineId: string, pipeline: PipelineDefinition | null): PipelineDefinition {
  if (pipeline === null) throw new RuleViolation('PIPELINE_NOT_FOUND', `Pipeline ${pipelineId} does not exist`);
  if (pipeline.pipelineId !== pipelineId) {
    // The caller looked up another pipeline than the opportunity's: a bug, not something a user did.
    throw new Error(`Decided against pipeline ${pipeline.pipelineId}, but the opportunity is in ${pipelineId}`);
  }
  return pipeline;
}

/** A pipeline that takes opportunities in: it exists and is not archived. */
export function requireActivePipeline(pipelineId: string, pipeline: PipelineDefinition | null): PipelineDefinition {
  if (pipeline === null || pipeline.pipelineId !== pipelineId) {
    throw new RuleViolation('PIPELINE_NOT_FOUND', `Pipeline ${pipelineId} does not exist`);
  }
  if (pipeline.archived) throw new RuleViolation('PIPELINE_ARCHIVED', `Pipeline ${pipeline.name} is archived and takes no opportunities`);
  return pipeline;
}

function stageIn(pipeline: PipelineDefinition, raw: unknown, field: string): PipelineStageDefinition {
  const key = parseStageKey(raw, field);
  const stage = stageOf(pipeline, key);
  if (!stage) throw new RuleViolation('STAGE_NOT_IN_PIPELINE', `${key} is no stage of pipeline ${pipeline.name}`);
  return stage;
}

/** WON and LOST stages are reached only through WinOpportunity and LoseOpportunity. */
export function openStageIn(pipeline: PipelineDefinition, raw: unknown, field = 'stage'): PipelineStageDefinition {
  const stage = stageIn(pipeline, raw, field);
  if (stage.kind !== 'OPEN') {
    throw new RuleViolation('STAGE_NOT_OPEN', `${stage.key} is a closing stage: use WinOpportunity or LoseOpportunity`);
  }
  return stage;
}

export function lostStageIn(pipeline: PipelineDefinition, raw: unknown, field = 'stage'): PipelineStageDefinition {
  const stage = stageIn(pipeline, raw, field);
  if (stage.kind !== 'LOST') throw new RuleViolation('STAGE_NOT_LOST', `${stage.key} is not a LOST stage of pipeline ${pipeline.name}`);
  return stage;
}

/** Every pipeline has at least one OPEN and one LOST stage and exactly one WON stage (the Pipeline decider's rules). */
export function firstStageOf(pipeline: PipelineDefinition, kind: StageKind): PipelineStageDefinition {
  const [stage] = stagesOfKind(pipeline, kind);
  if (!stage) throw new Error(`Pipeline ${pipeline.pipelineId} has no ${kind} stage`);
  return stage;
}

/** What a stage weighs now; a stage the pipeline no longer has weighs nothing, as in the pipeline's summary. */
export const probabilityIn = (pipeline: PipelineDefinition, key: string): number => stageOf(pipeline, key)?.probability ?? 0;
