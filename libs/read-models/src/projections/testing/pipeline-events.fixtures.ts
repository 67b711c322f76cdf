import {
  DEFAULT_PIPELINE,
  stageOf,
  stagesOfKind,
  type PipelineDefinition,
  type PipelineEvent,
  type PipelineStageDefinition,
  type StageMove,
} from '@crm/domain';
import type { OpportunityEvent } from '@crm/domain';

const stage = (key: string, name: string, probability: number, kind: PipelineStageDefinition['kind'], forecastCategory: PipelineStageDefinition['forecastCategory']): PipelineStageDefinition => ({
  key,
  name,
  probability,
  kind,
  forecastCategory,
});

/** A second pipeline, shaped like the default one (four open stages, one won, one lost) under other keys. */
export const RENEWALS: PipelineDefinition = {
  pipelineId: 'f0000000-0000-4000-8000-000000000001',
  name: 'Renewals',
  archived: false,
  stages: [
    stage('DUE', 'Renewal due', 30, 'OPEN', 'PIPELINE'),
    stage('CONTACTED', 'Customer contacted', 40, 'OPEN', 'PIPELINE'),
    stage('QUOTED', 'Quote sent', 60, 'OPEN', 'BEST_CASE'),
    stage('AGREED', 'Agreed verbally', 90, 'OPEN', 'COMMIT'),
    stage('RENEWED', 'Renewed', 100, 'WON', 'CLOSED'),
    stage('CHURNED', 'Churned', 0, 'LOST', 'OMITTED'),
  ],
};

/** A third pipeline with fewer open stages and two ways to lose. */
export const PARTNERS: PipelineDefinition = {
  pipelineId: 'f0000000-0000-4000-8000-000000000002',
  name: 'Partners',
  archived: false,
  stages: [
    stage('SOURCED', 'Sourced by partner', 15, 'OPEN', 'PIPELINE'),
    stage('REGISTERED', 'Deal registered', 45, 'OPEN', 'BEST_CASE'),
    stage('SIGNED', 'Signed', 100, 'WON', 'CLOSED'),
    stage('PARTNER_LOST', 'Lost by partner', 0, 'LOST', 'OMITTED'),
    stage('NO_DECISION', 'No decision', 0, 'LOST', 'OMITTED'),
  ],
};

export const PIPELINES: readonly PipelineDefinition[] = [DEFAULT_PIPELINE, RENEWALS, PARTNERS];

export const openKeys = (definition: PipelineDefinition): string[] => stagesOfKind(definition, 'OPEN').map((s) => s.key);
export const wonKey = (definition: PipelineDefinition): string => stagesOfKind(definition, 'WON')[0].key;
export const lostKeys = (definition: PipelineDefinition): string[] => stagesOfKind(definition, 'LOST').map((s) => s.key);
export const probabilityIn = (definition: PipelineDefinition, key: string): number => stageOf(definition, key)?.probability ?? 0;

/** The definition with each listed stage's probability replaced: a revision that only re-weights. */
export const reweighted = (definition: PipelineDefinition, probabilities: Readonly<Record<string, number>>): PipelineDefinition => ({
  ...definition,
  stages: definition.stages.map((s) => (Object.hasOwn(probabilities, s.key) ? { ...s, probability: probabilities[s.key] } : s)),
});

const copied = (definition: PipelineDefinition): PipelineStageDefinition[] => definition.stages.map((s) => ({ ...s }));

export const pipelineDefined = (definition: PipelineDefinition): PipelineEvent => ({
  type: 'PipelineDefined',
  data: { pipelineId: definition.pipelineId, name: definition.name, stages: copied(definition) },
});

export const pipelineRevised = (previous: PipelineDefinition, next: PipelineDefinition, moves: StageMove[] = []): PipelineEvent => ({
  type: 'PipelineRevised',
  data: { pipelineId: next.pipelineId, name: next.name, stages: copied(next), previousStages: copied(previous), moves },
});

export const pipelineArchived = (definition: PipelineDefinition): PipelineEvent => ({
  type: 'PipelineArchived',
  data: { pipelineId: definition.pipelineId, name: definition.name },
});

type Move = { opportunityId: string; accountId: string; from: PipelineDefinition; to: PipelineDefinition; fromStage: string; toStage: string };

/** An open opportunity taken from one pipeline into another, probabilities as the definitions give them. */
export const movedToPipeline = ({ opportunityId, accountId, from, to, fromStage, toStage }: Move): OpportunityEvent => ({
  type: 'OpportunityMovedToPipeline',
  data: {
    opportunityId,
    accountId,
    fromPipelineId: from.pipelineId,
    toPipelineId: to.pipelineId,
    from: fromStage,
    to: toStage,
    probability: probabilityIn(to, toStage),
    previousProbability: probabilityIn(from, fromStage),
  },
});
