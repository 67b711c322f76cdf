import { enumOf } from '../shared/enums';

export const LEAD_SOURCES = ['WEB_FORM', 'EVENT', 'LINKEDIN', 'REFERRAL', 'IMPORT', 'OUTBOUND', 'OTHER'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LeadSource = enumOf(LEAD_SOURCES);

export const LEAD_STATUSES = ['NEW', 'WORKING', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LeadStatus = enumOf(LEAD_STATUSES);

export const DISQUALIFICATION_REASONS = [
  'NO_BUDGET',
  'NO_NEED',
  'NO_AUTHORITY',
  'BAD_TIMING',
  'LOST_TO_COMPETITOR',
  'UNRESPONSIVE',
  'DUPLICATE',
  'INVALID_DATA',
  'OTHER',
] as const;
export type DisqualificationReason = (typeof DISQUALIFICATION_REASONS)[number];
export const DisqualificationReason = enumOf(DISQUALIFICATION_REASONS);

export const SENIORITIES = ['C_LEVEL', 'VP', 'DIRECTOR', 'MANAGER', 'INDIVIDUAL_CONTRIBUTOR', 'OTHER'] as const;
export type Seniority = (typeof SENIORITIES)[number];
export const Seniority = enumOf(SENIORITIES);
