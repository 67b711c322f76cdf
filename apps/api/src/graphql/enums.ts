import { registerEnumType } from '@nestjs/graphql';
import {
  AccountKind, ContactRelationship, ContactRole, ContactStatus, DisqualificationReason, LeadSource, LeadStatus,
  LossReason, OpportunityStage, OpportunityStatus, Seniority, StreamType,
} from '@crm/domain';

/** The domain's enums, under the names of DESIGN.md's GraphQL contract. */
registerEnumType(LeadSource, { name: 'LeadSource' });
registerEnumType(LeadStatus, { name: 'LeadStatus' });
registerEnumType(AccountKind, { name: 'AccountKind' });
registerEnumType(ContactRelationship, { name: 'ContactRelationship' });
registerEnumType(ContactStatus, { name: 'ContactStatus' });
registerEnumType(OpportunityStage, { name: 'OpportunityStage' });
registerEnumType(OpportunityStatus, { name: 'OpportunityStatus' });
registerEnumType(ContactRole, { name: 'ContactRole' });
registerEnumType(DisqualificationReason, { name: 'DisqualificationReason' });
registerEnumType(LossReason, { name: 'LossReason' });
registerEnumType(Seniority, { name: 'Seniority' });
registerEnumType(StreamType, { name: 'StreamType' });

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
