import { enumOf } from '../shared/enums';

export const OPPORTUNITY_STAGES = [
  'PROSPECTING',
  'QUALIFICATION',
  'PROPOSAL',
  'NEGOTIATION',
  'CLOSED_WON',
  'CLOSED_LOST',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export const OpportunityStage = enumOf(OPPORTUNITY_STAGES);

export const OPEN_STAGES = ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type ClosedStage = 'CLOSED_WON' | 'CLOSED_LOST';

/** Default pipeline: probability in whole percent, used for weighted amounts. */
export const STAGE_PROBABILITY: { readonly [S in OpportunityStage]: number } = Object.freeze({
  PROSPECTING: 10,
  QUALIFICATION: 20,
  PROPOSAL: 50,
  NEGOTIATION: 80,
  CLOSED_WON: 100,
  CLOSED_LOST: 0,
});

/** The default pipeline's probability of a stage key; 0 for a key it does not have. */
export const stageProbability = (stage: string): number => STAGE_PROBABILITY[stage as OpportunityStage] ?? 0;

export const isOpenStage = (stage: string): stage is OpenStage =>
  (OPEN_STAGES as readonly string[]).includes(stage);

export const OPPORTUNITY_STATUSES = ['OPEN', 'WON', 'LOST'] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];
export const OpportunityStatus = enumOf(OPPORTUNITY_STATUSES);

export const CONTACT_ROLES = [
  'DECISION_MAKER',
  'ECONOMIC_BUYER',
  'CHAMPION',
  'INFLUENCER',
  'TECHNICAL_BUYER',
  'USER',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
export const ContactRole = enumOf(CONTACT_ROLES);

export const LOSS_REASONS = [
  'PRICE',
  'NO_BUDGET',
  'NO_DECISION',
  'LOST_TO_COMPETITOR',
  'TIMING',
  'PRODUCT_FIT',
  'OTHER',
] as const;
export type LossReason = (typeof LOSS_REASONS)[number];
export const LossReason = enumOf(LOSS_REASONS);
