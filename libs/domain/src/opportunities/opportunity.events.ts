import type { Event } from '../shared/decider';
import type { MoneyJson } from '../shared/money';
import type { ContactRole, LossReason } from './stages';

type Ref = { opportunityId: string; accountId: string };

export type OpportunityOpened = Event<
  'OpportunityOpened',
  Ref & {
    name: string;
    amount: MoneyJson;
    expectedCloseDate: string;
    ownerId: string;
    /** Events written before there were several pipelines lack it: `upcastOpportunityEvent` reads the default. */
    pipelineId: string;
    /** An OPEN stage key of the pipeline. */
    stage: string;
    probability: number;
    primaryContactId: string | null;
  }
>;

export type OpportunityStageChanged = Event<
  'OpportunityStageChanged',
  Ref & { from: string; to: string; probability: number; previousProbability: number }
>;

export type OpportunityRevision = { name?: string; amount?: MoneyJson; expectedCloseDate?: string };

/** Only the fields that changed, with their new value. */
export type OpportunityRevised = Event<'OpportunityRevised', Ref & { changes: OpportunityRevision }>;

export type OpportunityAssigned = Event<'OpportunityAssigned', Ref & { ownerId: string; previousOwnerId: string }>;

/** `primaryContactId` is the primary contact after this fact; `previousPrimaryContactId` the one before. */
export type ContactRoleAssigned = Event<
  'ContactRoleAssigned',
  Ref & {
    contactId: string;
    role: ContactRole;
    primary: boolean;
    primaryContactId: string | null;
    previousPrimaryContactId: string | null;
  }
>;

/** `stage` is the pipeline's WON stage (CLOSED_WON in events written before there were several pipelines). */
export type OpportunityWon = Event<
  'OpportunityWon',
  Ref & { amount: MoneyJson; fromStage: string; stage: string; ownerId: string }
>;

export type OpportunityLost = Event<
  'OpportunityLost',
  Ref & {
    amount: MoneyJson;
    fromStage: string;
    /** A LOST stage of the pipeline (CLOSED_LOST in events written before there were several pipelines). */
    stage: string;
    ownerId: string;
    reason: LossReason;
    competitor: string | null;
    notes: string | null;
  }
>;

export type OpportunityReopened = Event<
  'OpportunityReopened',
  Ref & { from: string; to: string; probability: number; amount: MoneyJson }
>;

/** An open opportunity taken into another pipeline, at one of its open stages. */
export type OpportunityMovedToPipeline = Event<
  'OpportunityMovedToPipeline',
  Ref & {
    fromPipelineId: string;
    toPipelineId: string;
    from: string;
    to: string;
    probability: number;
    previousProbability: number;
  }
>;

export type OpportunityEvent =
  | OpportunityOpened
  | OpportunityStageChanged
  | OpportunityRevised
  | OpportunityAssigned
  | ContactRoleAssigned
  | OpportunityWon
  | OpportunityLost
  | OpportunityReopened
  | OpportunityMovedToPipeline;

const opportunityEventTypes: { [T in OpportunityEvent['type']]: true } = {
  OpportunityOpened: true,
  OpportunityStageChanged: true,
  OpportunityRevised: true,
  OpportunityAssigned: true,
  ContactRoleAssigned: true,
  OpportunityWon: true,
  OpportunityLost: true,
  OpportunityReopened: true,
  OpportunityMovedToPipeline: true,
};

export const OPPORTUNITY_EVENT_TYPES = Object.freeze(
  Object.keys(opportunityEventTypes),
) as readonly OpportunityEvent['type'][];

export const isOpportunityEvent = (event: { type: string }): event is OpportunityEvent =>
  Object.hasOwn(opportunityEventTypes, event.type);
