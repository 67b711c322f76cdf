import type { PipelineDefinition } from '../pipelines/pipeline.definition';
import type { Command } from '../shared/decider';
import type { ContactRole, LossReason } from './stages';

/**
 * Looked up by the caller from the pipeline's stream: the opportunity's pipeline as it is now (for
 * opening and moving, the pipeline asked for); null when there is no such pipeline.
 */
export type PipelineFact = { pipeline: PipelineDefinition | null };

export type OpenOpportunity = Command<
  'OpenOpportunity',
  PipelineFact & {
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
    /** Defaults to the default pipeline. */
    pipelineId?: string | null;
    /** An OPEN stage key of the pipeline; defaults to its first OPEN stage. */
    stage?: string | null;
  }
>;

export type ChangeOpportunityStage = Command<
  'ChangeOpportunityStage',
  PipelineFact & {
    opportunityId: string;
    /** An OPEN stage key of the opportunity's pipeline. */
    stage: string;
    /** Only if the opportunity is open and at this stage now; otherwise nothing happens (a pipeline revision's moves). */
    ifAtStage?: string | null;
    /** Only if the opportunity is in this pipeline now: a revision moves its own pipeline's opportunities, not one since moved to a pipeline with the same key. */
    ifInPipeline?: string | null;
  }
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

/** Moves the opportunity to its pipeline's WON stage. */
export type WinOpportunity = Command<'WinOpportunity', PipelineFact & { opportunityId: string }>;

export type LoseOpportunity = Command<
  'LoseOpportunity',
  PipelineFact & {
    opportunityId: string;
    reason: LossReason;
    competitor?: string | null;
    notes?: string | null;
    /** A LOST stage key of the pipeline; defaults to its first LOST stage. */
    stage?: string | null;
  }
>;

/**
 * Reopens a won or lost opportunity at an OPEN stage; defaults to the stage it was closed from while
 * that is still an OPEN stage of its pipeline, else the pipeline's first OPEN stage.
 */
export type ReopenOpportunity = Command<
  'ReopenOpportunity',
  PipelineFact & { opportunityId: string; stage?: string | null }
>;

/**
 * Takes an open opportunity into another pipeline, at `stage` (default: the target's first OPEN
 * stage). `pipeline` is the target; `currentPipeline` the one it is in now.
 */
export type MoveOpportunityToPipeline = Command<
  'MoveOpportunityToPipeline',
  PipelineFact & { opportunityId: string; pipelineId: string; stage?: string | null; currentPipeline: PipelineDefinition | null }
>;

export type OpportunityCommand =
  | OpenOpportunity
  | ChangeOpportunityStage
  | ReviseOpportunity
  | AssignOpportunity
  | AssignContactRole
  | WinOpportunity
  | LoseOpportunity
  | ReopenOpportunity
  | MoveOpportunityToPipeline;
