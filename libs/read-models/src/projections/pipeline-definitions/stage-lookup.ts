import { stageOf, type PipelineDefinition, type PipelineStageDefinition } from '@crm/domain';

/**
 * A stage key the definition does not have (a removed stage whose opportunities are still being
 * moved): shown by its key, open, weighted at nothing and left out of forecasts until it is moved.
 */
export const unknownStage = (key: string): PipelineStageDefinition => ({ key, name: key, probability: 0, kind: 'OPEN', forecastCategory: 'OMITTED' });

/** The definition's stage of this key, or what a key it does not have stands for. */
export const stageOrUnknown = (definition: PipelineDefinition, key: string): PipelineStageDefinition =>
  stageOf(definition, key) ?? unknownStage(key);
