import { AccountMutationsResolver } from '../accounts/account-mutations.resolver';
import { AccountResolver } from '../accounts/account.resolver';
import { AccountLinksResolver } from '../accounts/account-links.resolver';
import { ContactMutationsResolver } from '../contacts/contact-mutations.resolver';
import { ContactResolver } from '../contacts/contact.resolver';
import { ContactLinksResolver } from '../contacts/contact-links.resolver';
import { LeadFunnelResolver } from '../funnel/lead-funnel.resolver';
import { HistoryResolver } from '../history/history.resolver';
import { LeadMutationsResolver } from '../leads/lead-mutations.resolver';
import { LeadResolver } from '../leads/lead.resolver';
import { LeadConversionResolver, LeadLinksResolver } from '../leads/lead-links.resolver';
import { OpportunityMutationsResolver } from '../opportunities/opportunity-mutations.resolver';
import { OpportunityResolver } from '../opportunities/opportunity.resolver';
import { OpportunityContactRoleResolver, OpportunityLinksResolver } from '../opportunities/opportunity-links.resolver';
import { PipelineResolver } from '../pipeline/pipeline.resolver';
import { PipelineDefinitionResolver } from '../pipelines/pipeline-definition.resolver';
import { PipelineMutationsResolver } from '../pipelines/pipeline-mutations.resolver';
import { OpportunityStageResolver } from '../opportunities/opportunity-stage.resolver';
import { PersonalDataResolver } from '../privacy/personal-data.resolver';
import { PrivacyMutationsResolver } from '../privacy/privacy-mutations.resolver';
import { ProjectionsResolver } from '../projections/projections.resolver';
import { PingResolver } from '../system/ping.resolver';
import { ForecastResolver } from '../pipeline-history/forecast.resolver';
import { LiveResolver } from '../live/live.resolver';
import { PipelineMovementResolver } from '../pipeline-history/pipeline-movement.resolver';
import { WebhookMutationsResolver } from '../webhooks/webhook-mutations.resolver';
import { WebhooksResolver } from '../webhooks/webhooks.resolver';

/**
 * Every resolver class of the public schema, in one list: the API module provides them and the
 * schema printer builds `schema.graphql` from them, so the two cannot disagree about what is served.
 */
export const API_RESOLVERS = [
  LeadResolver,
  LeadLinksResolver,
  LeadConversionResolver,
  LeadMutationsResolver,
  AccountResolver,
  AccountLinksResolver,
  AccountMutationsResolver,
  ContactResolver,
  ContactLinksResolver,
  ContactMutationsResolver,
  OpportunityResolver,
  OpportunityLinksResolver,
  OpportunityContactRoleResolver,
  OpportunityStageResolver,
  OpportunityMutationsResolver,
  HistoryResolver,
  PingResolver,
  PrivacyMutationsResolver,
  PersonalDataResolver,
  ProjectionsResolver,
  PipelineResolver,
  PipelineDefinitionResolver,
  PipelineMutationsResolver,
  LeadFunnelResolver,
  PipelineMovementResolver,
  ForecastResolver,
  LiveResolver,
  WebhooksResolver,
  WebhookMutationsResolver,
];
