import type { Command } from '../shared/decider';
import type { AccountKind } from '../accounts/account.enums';
import type { DisqualificationReason, LeadSource, Seniority } from './lead.enums';
import type { ErasureReason, SuppressionKind } from '../privacy/privacy.enums';

/** Optional text fields: omitted = not given, null or "" = empty. Values are parsed and normalised by decide. */
export type LeadDetailsInput = {
  email?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
  seniority?: Seniority | null;
  companyDomain?: string | null;
  sourceDetail?: string | null;
};

export type CaptureLead = Command<
  'CaptureLead',
  LeadDetailsInput & {
    leadId: string;
    /** The data subject, whose key encrypts this person's fields; chosen by the caller. */
    subjectId: string;
    firstName: string;
    lastName: string;
    companyName: string;
    source: LeadSource;
    ownerId?: string | null;
  }
>;

export type UpdateLeadDetails = Command<
  'UpdateLeadDetails',
  LeadDetailsInput & { leadId: string; firstName?: string; lastName?: string; companyName?: string }
>;

export type AssignLead = Command<'AssignLead', { leadId: string; ownerId: string }>;
export type StartWorkingLead = Command<'StartWorkingLead', { leadId: string }>;
export type QualifyLead = Command<'QualifyLead', { leadId: string }>;

export type DisqualifyLead = Command<
  'DisqualifyLead',
  { leadId: string; reason: DisqualificationReason; notes?: string | null }
>;

export type ReopenLead = Command<'ReopenLead', { leadId: string }>;

export type ConvertLeadAccountInput = {
  name?: string | null;
  kind?: AccountKind | null;
  domain?: string | null;
  industry?: string | null;
};

export type ConvertLeadOpportunityInput = {
  name?: string | null;
  amount: string;
  currency: string;
  /** YYYY-MM-DD; defaults to the last day of the quarter of metadata.now. */
  expectedCloseDate?: string | null;
};

export type ConvertLead = Command<
  'ConvertLead',
  {
    leadId: string;
    /** Ids are chosen by the caller (deterministically from the command id), never generated here. */
    accountId: string;
    contactId: string;
    opportunityId?: string | null;
    /** true: convert into the existing account `accountId`; false: a new account is registered with that id. */
    existingAccount: boolean;
    /** Looked up by the caller: does the account stream `accountId` exist? */
    accountExists: boolean;
    account?: ConvertLeadAccountInput | null;
    opportunity?: ConvertLeadOpportunityInput | null;
  }
>;

export type EraseLead = Command<'EraseLead', { leadId: string; reason: ErasureReason }>;

export type RecordLeadSuppressionLifted = Command<'RecordSuppressionLifted', { leadId: string; kind: SuppressionKind; reason: string }>;

export type LeadCommand =
  | CaptureLead
  | UpdateLeadDetails
  | AssignLead
  | StartWorkingLead
  | QualifyLead
  | DisqualifyLead
  | ReopenLead
  | ConvertLead
  | EraseLead
  | RecordLeadSuppressionLifted;
