export { OPPORTUNITIES, opportunitiesProjection } from './opportunities.projection';
export { OPPORTUNITY_ACCOUNT_NAMES } from './opportunity-account-names';
export type { OpportunityAccountNameDoc } from './opportunity-account-names';
export type { ContactRoleDoc, OpportunityDoc } from './opportunity-doc';
export { stagePricing, type StagePricing } from './stage-pricing';
