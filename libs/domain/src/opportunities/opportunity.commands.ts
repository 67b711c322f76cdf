import type { Command } from '../shared/decider';
import type { ContactRole, LossReason, OpportunityStage } from './stages';

export type OpenOpportunity = Command<
  'OpenOpportunity',
  {
    opportunityId: string;
    accountId: string;
    /** Looked up by the caller: does the account stream exist? */
    accountExists: boolean;
    name: string;
    /** Decimal string such as "12500.00". */
    amount: string;
    currency: string;
    /** YYYY-MM-DD. */
    expectedCloseDate: string;
    /** Defaults to the actor. */
    ownerId?: string | null;
    primaryContactId?: string | null;
    /** Looked up by the caller when primaryContactId is given: the contact's current account, null if none. */
    primaryContactAccountId?: string | null;
    /** An open stage; defaults to PROSPECTING. */
    stage?: OpportunityStage | null;
  }
>;

export type ChangeOpportunityStage = Command<
  'ChangeOpportunityStage',
  { opportunityId: string; stage: OpportunityStage }
>;

/** Omitted fields stay as they are. A currency needs an amount; an amount alone keeps the currency. */
export type ReviseOpportunity = Command<
  'ReviseOpportunity',
  { opportunityId: string; name?: string; amount?: string; currency?: string; expectedCloseDate?: string }
>;

export type AssignOpportunity = Command<'AssignOpportunity', { opportunityId: string; ownerId: string }>;

export type AssignContactRole = Command<
  'AssignContactRole',
  {
    opportunityId: string;
    contactId: string;
    role: ContactRole;
    /** true makes this contact the primary one (taking it from any other); false leaves the primary as it is. */
    primary: boolean;
    /** Looked up by the caller: the contact's current account, null if the contact is unknown or left. */
    contactAccountId: string | null;
  }
>;

export type WinOpportunity = Command<'WinOpportunity', { opportunityId: string }>;

export type LoseOpportunity = Command<
  'LoseOpportunity',
  { opportunityId: string; reason: LossReason; competitor?: string | null; notes?: string | null }
>;

/** Reopens a won or lost opportunity at an open stage; defaults to the stage it was closed from. */
export type ReopenOpportunity = Command<
  'ReopenOpportunity',
  { opportunityId: string; stage?: OpportunityStage | null }
>;

export type OpportunityCommand =
  | OpenOpportunity
  | ChangeOpportunityStage
  | ReviseOpportunity
  | AssignOpportunity
  | AssignContactRole
  | WinOpportunity
  | LoseOpportunity
  | ReopenOpportunity;
