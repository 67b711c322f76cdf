import { registerEnumType } from '@nestjs/graphql';
import {
  AccountKind, ContactRelationship, ContactRole, ContactStatus, DisqualificationReason, LeadSource, LeadStatus,
  ForecastCategory, LossReason, OpportunityStatus, Seniority, StageKind, StreamType,
} from '@crm/domain';
import { LEAD_ENUMS, OPPORTUNITY_ENUMS, PARTY_ENUMS, PIPELINE_ENUMS, type EnumDocs } from './enum-descriptions';

/** Registers a domain enum under its contract name, with what the enum and each of its values mean. */
const register = <T extends Record<string, string>>(values: T, name: string, docs: EnumDocs<T>): void => {
  const valuesMap = Object.fromEntries(Object.entries(docs.values).map(([value, description]) => [value, { description }]));
  registerEnumType(values, { name, description: docs.description, valuesMap: valuesMap as { [K in keyof T]?: { description: string } } });
};

/** The domain's enums, under the names of DESIGN.md's GraphQL contract. */
register(LeadSource, 'LeadSource', LEAD_ENUMS.LeadSource);
register(LeadStatus, 'LeadStatus', LEAD_ENUMS.LeadStatus);
register(DisqualificationReason, 'DisqualificationReason', LEAD_ENUMS.DisqualificationReason);
register(Seniority, 'Seniority', LEAD_ENUMS.Seniority);
register(AccountKind, 'AccountKind', PARTY_ENUMS.AccountKind);
register(ContactRelationship, 'ContactRelationship', PARTY_ENUMS.ContactRelationship);
register(ContactStatus, 'ContactStatus', PARTY_ENUMS.ContactStatus);
register(StreamType, 'StreamType', PARTY_ENUMS.StreamType);
register(OpportunityStatus, 'OpportunityStatus', OPPORTUNITY_ENUMS.OpportunityStatus);
register(ContactRole, 'ContactRole', OPPORTUNITY_ENUMS.ContactRole);
register(LossReason, 'LossReason', OPPORTUNITY_ENUMS.LossReason);
register(StageKind, 'StageKind', PIPELINE_ENUMS.StageKind);
register(ForecastCategory, 'ForecastCategory', PIPELINE_ENUMS.ForecastCategory);

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Which way a list is sorted. Items without a value for the sort field count as lowest.',
  valuesMap: {
    ASC: { description: 'Ascending: smallest or earliest first, text by character code (capitals before lower case); items without a value first.' },
    DESC: { description: 'Descending: largest or latest first, text by character code reversed; items without a value last.' },
  },
});
