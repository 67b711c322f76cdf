import { enumOf } from '../shared/enums';

export const STAGE_KINDS = ['OPEN', 'WON', 'LOST'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
export const StageKind = enumOf(STAGE_KINDS);

export const FORECAST_CATEGORIES = ['PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];
export const ForecastCategory = enumOf(FORECAST_CATEGORIES);

/** One stage of a pipeline: `key` is what opportunities record; the rest may be revised. */
export type PipelineStageDefinition = {
  key: string;
  name: string;
  /** Whole percent, 0..100: what the stage's amounts are weighted by. */
  probability: number;
  kind: StageKind;
  forecastCategory: ForecastCategory;
};

/** A pipeline as it stands: its stages in order. */
export type PipelineDefinition = {
  pipelineId: string;
  name: string;
  archived: boolean;
  stages: readonly PipelineStageDefinition[];
};

/** The pipeline every store has without anyone defining it; opportunities opened without a pipeline go there. */
export const DEFAULT_PIPELINE_ID = '00000000-0000-4000-8000-000000000001';

const stage = (
  key: string,
  name: string,
  probability: number,
  kind: StageKind,
  forecastCategory: ForecastCategory,
): PipelineStageDefinition => Object.freeze({ key, name, probability, kind, forecastCategory });

export const DEFAULT_PIPELINE: PipelineDefinition = Object.freeze({
  pipelineId: DEFAULT_PIPELINE_ID,
  name: 'Sales',
  archived: false,
  stages: Object.freeze([
    stage('PROSPECTING', 'Prospecting', 10, 'OPEN', 'PIPELINE'),
    stage('QUALIFICATION', 'Qualification', 20, 'OPEN', 'PIPELINE'),
    stage('PROPOSAL', 'Proposal', 50, 'OPEN', 'BEST_CASE'),
    stage('NEGOTIATION', 'Negotiation', 80, 'OPEN', 'COMMIT'),
    stage('CLOSED_WON', 'Closed won', 100, 'WON', 'CLOSED'),
    stage('CLOSED_LOST', 'Closed lost', 0, 'LOST', 'OMITTED'),
  ]),
});

export const stageOf = (definition: PipelineDefinition, key: string): PipelineStageDefinition | undefined =>
  definition.stages.find((candidate) => candidate.key === key);

export const stagesOfKind = (definition: PipelineDefinition, kind: StageKind): PipelineStageDefinition[] =>
  definition.stages.filter((candidate) => candidate.kind === kind);
