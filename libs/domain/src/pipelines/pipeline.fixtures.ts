import type { CommandMetadata } from '../shared/decider';
import { DEFAULT_PIPELINE, type PipelineDefinition, type PipelineStageDefinition } from './pipeline.definition';
import type { PipelineCommand } from './pipeline.commands';
import type { PipelineArchived, PipelineDefined } from './pipeline.events';

export const renewalsId = '5d4c3b2a-1908-4f7e-8d6c-5b4a39281706';
export const metadata: CommandMetadata = { now: '2025-05-14T09:30:00.000Z', actor: 'manager-1' };

export const pipelineCommand = <T extends PipelineCommand['type']>(type: T, data: Extract<PipelineCommand, { type: T }>['data']) =>
  ({ type, data, metadata }) as Extract<PipelineCommand, { type: T }>;

export const stage = (
  key: string,
  name: string,
  probability: number,
  kind: PipelineStageDefinition['kind'],
  forecastCategory: PipelineStageDefinition['forecastCategory'],
): PipelineStageDefinition => ({ key, name, probability, kind, forecastCategory });

export const renewalStages: PipelineStageDefinition[] = [
  stage('UPCOMING', 'Upcoming', 30, 'OPEN', 'PIPELINE'),
  stage('IN_CONVERSATION', 'In conversation', 60, 'OPEN', 'BEST_CASE'),
  stage('COMMITTED', 'Committed', 90, 'OPEN', 'COMMIT'),
  stage('RENEWED', 'Renewed', 100, 'WON', 'CLOSED'),
  stage('CHURNED', 'Churned', 0, 'LOST', 'OMITTED'),
  stage('DOWNGRADED', 'Downgraded', 0, 'LOST', 'OMITTED'),
];

export const renewalsDefined: PipelineDefined = {
  type: 'PipelineDefined',
  data: { pipelineId: renewalsId, name: 'Renewals', stages: renewalStages },
};

export const renewalsArchived: PipelineArchived = { type: 'PipelineArchived', data: { pipelineId: renewalsId, name: 'Renewals' } };

export const RENEWALS: PipelineDefinition = { pipelineId: renewalsId, name: 'Renewals', archived: false, stages: renewalStages };

export const defaultStages = (): PipelineStageDefinition[] => DEFAULT_PIPELINE.stages.map((s) => ({ ...s }));
