import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID } from '../pipelines/pipeline.definition';
import type { CommandMetadata } from '../shared/decider';
import type { OpenOpportunity, OpportunityCommand } from './opportunity.commands';
import type { OpportunityEvent, OpportunityOpened } from './opportunity.events';

export const opportunityId = '9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a';
export const accountId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
export const otherAccountId = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const janeId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const pietId = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
export const metadata: CommandMetadata = { now: '2025-05-14T09:30:00.000Z', actor: 'rep-1' };

export const opportunityCommand = <T extends OpportunityCommand['type']>(
  type: T,
  data: Extract<OpportunityCommand, { type: T }>['data'],
): Extract<OpportunityCommand, { type: T }> => ({ type, data, metadata }) as Extract<OpportunityCommand, { type: T }>;

export const openOpportunity = (overrides: Partial<OpenOpportunity['data']> = {}) =>
  opportunityCommand('OpenOpportunity', {
    opportunityId,
    accountId,
    accountExists: true,
    name: 'Fleet renewal',
    amount: '12500',
    currency: 'EUR',
    expectedCloseDate: '2025-09-30',
    pipeline: DEFAULT_PIPELINE,
    ...overrides,
  });

export const opened: OpportunityOpened = {
  type: 'OpportunityOpened',
  data: {
    opportunityId,
    accountId,
    name: 'Fleet renewal',
    amount: { amount: '12500.00', currency: 'EUR' },
    expectedCloseDate: '2025-09-30',
    ownerId: 'rep-1',
    pipelineId: DEFAULT_PIPELINE_ID,
    stage: 'PROSPECTING',
    probability: 10,
    primaryContactId: null,
  },
};

export const toProposal: OpportunityEvent = {
  type: 'OpportunityStageChanged',
  data: { opportunityId, accountId, from: 'PROSPECTING', to: 'PROPOSAL', probability: 50, previousProbability: 10 },
};

export const won: OpportunityEvent = {
  type: 'OpportunityWon',
  data: {
    opportunityId,
    accountId,
    amount: { amount: '12500.00', currency: 'EUR' },
    fromStage: 'PROPOSAL',
    stage: 'CLOSED_WON',
    ownerId: 'rep-1',
  },
};

export const lost: OpportunityEvent = {
  type: 'OpportunityLost',
  data: {
    opportunityId,
    accountId,
    amount: { amount: '12500.00', currency: 'EUR' },
    fromStage: 'PROPOSAL',
    stage: 'CLOSED_LOST',
    ownerId: 'rep-1',
    reason: 'LOST_TO_COMPETITOR',
    competitor: 'Globex',
    notes: null,
  },
};
