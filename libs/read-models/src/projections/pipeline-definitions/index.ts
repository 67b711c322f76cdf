export { PIPELINE_DEFINITIONS, PIPELINE_STREAM_CATEGORY, pipelineDefinitionsProjection } from './pipeline-definitions.projection';
export {
  defaultPipelineDoc,
  pipelineDefinitionDocOf,
  pipelineDefinitionOf,
  withDefaultPipeline,
  type PipelineDefinitionDoc,
} from './pipeline-definition-doc';
export { stageOrUnknown, unknownStage } from './stage-lookup';
