import {
  DEFAULT_PIPELINE, pipelineDecider, pipelineStream, type PipelineCommand, type PipelineDefinition, type PipelineEvent, type PipelineState,
  type PipelineStageDefinition,
} from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { deterministicUuid } from '../core/event-ids';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';
import { MANAGERS } from './seed-vocabulary';
import { StoryLog } from './story-log';
import { StreamCursor } from './stream-cursor';

const stage = (key: string, name: string, probability: number, kind: PipelineStageDefinition['kind'], forecastCategory: PipelineStageDefinition['forecastCategory']) =>
  ({ key, name, probability, kind, forecastCategory });

/**
 * The demo's pipelines besides the default one ("Sales", new business). Their ids derive from their
 * names alone, not from the seed: every seeded store has the same Renewals and Partners, and seeding
 * again (with any seed) finds them defined already.
 */
export const RENEWALS: PipelineDefinition = {
  pipelineId: deterministicUuid('seed', 'pipeline', 'renewals'),
  name: 'Renewals',
  archived: false,
  stages: [
    stage('UPCOMING', 'Upcoming', 40, 'OPEN', 'PIPELINE'),
    stage('IN_CONVERSATION', 'In conversation', 65, 'OPEN', 'BEST_CASE'),
    stage('COMMITTED', 'Committed', 90, 'OPEN', 'COMMIT'),
    stage('RENEWED', 'Renewed', 100, 'WON', 'CLOSED'),
    stage('CHURNED', 'Churned', 0, 'LOST', 'OMITTED'),
  ],
};

export const PARTNERS: PipelineDefinition = {
  pipelineId: deterministicUuid('seed', 'pipeline', 'partners'),
  name: 'Partners',
  archived: false,
  stages: [
    stage('REGISTERED', 'Deal registered', 10, 'OPEN', 'PIPELINE'),
    stage('PARTNER_QUALIFIED', 'Qualified by partner', 25, 'OPEN', 'PIPELINE'),
    stage('JOINT_PROPOSAL', 'Joint proposal', 55, 'OPEN', 'BEST_CASE'),
    stage('CONTRACTING', 'Contracting', 85, 'OPEN', 'COMMIT'),
    stage('PARTNER_WON', 'Won with partner', 100, 'WON', 'CLOSED'),
    stage('PARTNER_LOST', 'Lost', 0, 'LOST', 'OMITTED'),
    stage('REGISTRATION_REJECTED', 'Registration rejected', 0, 'LOST', 'OMITTED'),
  ],
};

export const SEED_PIPELINES: readonly PipelineDefinition[] = [DEFAULT_PIPELINE, RENEWALS, PARTNERS];

/** A seeded deal's pipeline, as the handler would read it from the pipeline's stream. */
export const seedPipeline = (pipelineId: string): PipelineDefinition => {
  const pipeline = SEED_PIPELINES.find((candidate) => candidate.pipelineId === pipelineId);
  if (!pipeline) throw new Error(`${pipelineId} is no seeded pipeline`);
  return pipeline;
};

export const openStageKeys = (pipeline: PipelineDefinition): string[] =>
  pipeline.stages.filter((candidate) => candidate.kind === 'OPEN').map((candidate) => candidate.key);

/** The seed decides its deals against its own definitions: it refuses a store where someone changed them. */
export class SeedPipelinesChangedError extends Error {
  constructor(readonly pipelines: readonly string[]) {
    super(
      `Pipeline ${pipelines.join(' and ')} was revised or archived after it was seeded: the seed's deals follow its stages as ` +
        'first defined and would land at stages that may no longer exist. Seed into another data folder.',
    );
  }
}

/**
 * The seed's pipelines whose streams hold more than the seed writes (its own definition, none for the
 * default pipeline): revised or archived by someone since.
 */
export async function changedSeedPipelines(store: Pick<EventStore, 'streamRevision'>): Promise<string[]> {
  const seededRevision = (pipeline: PipelineDefinition): number => (pipeline === DEFAULT_PIPELINE ? -1 : 0);
  const changed: string[] = [];
  for (const pipeline of SEED_PIPELINES) {
    const revision = await store.streamRevision(pipelineStream(pipeline.pipelineId));
    if (revision !== null && revision > seededRevision(pipeline)) changed.push(pipeline.name);
  }
  return changed;
}

/**
 * The story told before any lead's: a manager defines Renewals and Partners at the start of the
 * seeded period. Command ids derive from the pipeline alone, as its id does.
 */
export const definePipelines = (personalData: PersonalDataCodec, at: number): StoryLog => {
  const story = new StoryLog(personalData);
  for (const pipeline of [RENEWALS, PARTNERS]) {
    const { pipelineId, name, stages } = pipeline;
    const cursor = new StreamCursor<PipelineCommand, PipelineEvent, PipelineState>(pipelineStream(pipelineId), pipelineDecider);
    const context = { actor: MANAGERS[0], commandId: deterministicUuid('seed', 'pipeline', name.toLowerCase(), 'define') };
    cursor.decide(story, context, at, (metadata) => ({ type: 'DefinePipeline', data: { pipelineId, name, stages: [...stages] }, metadata }));
  }
  return story;
};
