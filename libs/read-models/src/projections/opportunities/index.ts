export { OPPORTUNITIES, OPPORTUNITY_ACCOUNT_NAMES, opportunitiesProjection } from './opportunities.projection';
export type { OpportunityAccountNameDoc } from './opportunities.projection';
export type { ContactRoleDoc, OpportunityDoc } from './opportunity-doc';
