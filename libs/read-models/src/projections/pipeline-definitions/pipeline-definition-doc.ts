import {
  DEFAULT_PIPELINE,
  DEFAULT_PIPELINE_ID,
  assertNever,
  type PipelineDefinition,
  type PipelineEvent,
  type PipelineStageDefinition,
} from '@crm/domain';

/**
 * One pipeline as lists and the pipeline summary read it: its stages in order. `revision` is the
 * pipeline stream's; the default pipeline before anything was written to its stream is revision -1,
 * with no times (it was never recorded: every store has it).
 */
export type PipelineDefinitionDoc = {
  id: string;
  name: string;
  archived: boolean;
  stages: PipelineStageDefinition[];
  createdAt: string | null;
  updatedAt: string | null;
  revision: number;
};

/** The stage as stored: its known fields only, always in the same order (plain JSON, same bytes). */
const stageDoc = ({ key, name, probability, kind, forecastCategory }: PipelineStageDefinition): PipelineStageDefinition => ({
  key,
  name,
  probability,
  kind,
  forecastCategory,
});

const docOf = (definition: PipelineDefinition, createdAt: string | null, updatedAt: string | null, revision: number): PipelineDefinitionDoc => ({
  id: definition.pipelineId,
  name: definition.name,
  archived: definition.archived,
  stages: definition.stages.map(stageDoc),
  createdAt,
  updatedAt,
  revision,
});

/** The default pipeline as shipped, for a store whose default pipeline stream is still empty. */
export const defaultPipelineDoc = (): PipelineDefinitionDoc => docOf(DEFAULT_PIPELINE, null, null, -1);

/** The pipelines with the default one added when its stream has no events yet: the one place that knows it may be missing. */
export function withDefaultPipeline(docs: readonly PipelineDefinitionDoc[]): PipelineDefinitionDoc[] {
  return docs.some((doc) => doc.id === DEFAULT_PIPELINE_ID) ? [...docs] : [defaultPipelineDoc(), ...docs];
}

/** The document found for `pipelineId`, or the default pipeline's when that is the one asked for and none is stored; null: no such pipeline. */
export function pipelineDefinitionDocOf(pipelineId: string, found: PipelineDefinitionDoc | null): PipelineDefinitionDoc | null {
  if (found !== null) return found;
  return pipelineId === DEFAULT_PIPELINE_ID ? defaultPipelineDoc() : null;
}

/** The domain's view of a stored pipeline, what `stagePricing` and `summarisePipeline` take. */
export const pipelineDefinitionOf = (doc: PipelineDefinitionDoc): PipelineDefinition => ({
  pipelineId: doc.id,
  name: doc.name,
  archived: doc.archived,
  stages: doc.stages,
});

/**
 * The document after `event`. Revised and archived start from the stored document; a stream's first
 * event is PipelineDefined, except the default pipeline's, which starts from DEFAULT_PIPELINE (null:
 * any other pipeline revised or archived before it was defined).
 */
export function evolvePipelineDefinitionDoc(doc: PipelineDefinitionDoc | null, event: PipelineEvent, at: string, revision: number): PipelineDefinitionDoc | null {
  if (event.type === 'PipelineDefined') {
    const { pipelineId, name, stages } = event.data;
    return docOf({ pipelineId, name, archived: false, stages }, at, at, revision);
  }
  const base = doc ?? (event.data.pipelineId === DEFAULT_PIPELINE_ID ? { ...defaultPipelineDoc(), createdAt: at } : null);
  if (base === null) return null;
  switch (event.type) {
    case 'PipelineRevised':
      return { ...base, name: event.data.name, stages: event.data.stages.map(stageDoc), updatedAt: at, revision };
    case 'PipelineArchived':
      return { ...base, name: event.data.name, archived: true, updatedAt: at, revision };
    default:
      return assertNever(event);
  }
}
