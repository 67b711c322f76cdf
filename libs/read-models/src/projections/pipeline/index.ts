export { PIPELINE, PIPELINE_OPPORTUNITIES, pipelineProjection } from './pipeline.projection';
export type { PipelineOpportunityDoc } from './pipeline.projection';
export { PIPELINE_GRAINS, type PipelineDoc, type PipelineGrain } from './pipeline-aggregate';
export { pipelineFilterFor, pipelineGrainFor, pipelineIdOf, summarisePipeline } from './pipeline-summary';
export type { PipelineQuery, PipelineStageSummary } from './pipeline-summary';
export type { MoneyDoc } from '../money';
