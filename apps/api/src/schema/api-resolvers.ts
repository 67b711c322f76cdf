import { AccountMutationsResolver } from '../accounts/account-mutations.resolver';
import { AccountResolver } from '../accounts/account.resolver';
import { ContactMutationsResolver } from '../contacts/contact-mutations.resolver';
import { ContactResolver } from '../contacts/contact.resolver';
import { LeadFunnelResolver } from '../funnel/lead-funnel.resolver';
import { HistoryResolver } from '../history/history.resolver';
import { LeadMutationsResolver } from '../leads/lead-mutations.resolver';
import { LeadResolver } from '../leads/lead.resolver';
import { OpportunityMutationsResolver } from '../opportunities/opportunity-mutations.resolver';
import { OpportunityResolver } from '../opportunities/opportunity.resolver';
import { PipelineResolver } from '../pipeline/pipeline.resolver';
import { PersonalDataResolver } from '../privacy/personal-data.resolver';
import { PrivacyMutationsResolver } from '../privacy/privacy-mutations.resolver';
import { ProjectionsResolver } from '../projections/projections.resolver';
import { PingResolver } from '../system/ping.resolver';

/**
 * Every resolver class of the public schema, in one list: the API module provides them and the
 * schema printer builds `schema.graphql` from them, so the two cannot disagree about what is served.
 */
export const API_RESOLVERS = [
  LeadResolver,
  LeadMutationsResolver,
  AccountResolver,
  AccountMutationsResolver,
  ContactResolver,
  ContactMutationsResolver,
  OpportunityResolver,
  OpportunityMutationsResolver,
  HistoryResolver,
  PingResolver,
  PrivacyMutationsResolver,
  PersonalDataResolver,
  ProjectionsResolver,
  PipelineResolver,
  LeadFunnelResolver,
];
