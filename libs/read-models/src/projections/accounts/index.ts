export { ACCOUNTS, ACCOUNT_CONTACTS, ACCOUNT_OPPORTUNITIES, accountsProjection } from './accounts.projection';
export type { AccountContactDoc, AccountOpportunityDoc } from './accounts.projection';
export type { AccountDoc } from './account-doc';
