import type { Event } from '../shared/decider';
import type { MoneyJson } from '../shared/money';
import type { ContactRole, LossReason, OpenStage } from './stages';

type Ref = { opportunityId: string; accountId: string };

export type OpportunityOpened = Event<
  'OpportunityOpened',
  Ref & {
    name: string;
    amount: MoneyJson;
    expectedCloseDate: string;
    ownerId: string;
    stage: OpenStage;
    probability: number;
    primaryContactId: string | null;
  }
>;

export type OpportunityStageChanged = Event<
  'OpportunityStageChanged',
  Ref & { from: OpenStage; to: OpenStage; probability: number; previousProbability: number }
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

export type OpportunityWon = Event<
  'OpportunityWon',
  Ref & { amount: MoneyJson; fromStage: OpenStage; ownerId: string }
>;

export type OpportunityLost = Event<
  'OpportunityLost',
  Ref & {
    amount: MoneyJson;
    fromStage: OpenStage;
    ownerId: string;
    reason: LossReason;
    competitor: string | null;
    notes: string | null;
  }
>;

export type OpportunityReopened = Event<
  'OpportunityReopened',
  Ref & { from: 'CLOSED_WON' | 'CLOSED_LOST'; to: OpenStage; probability: number; amount: MoneyJson }
>;

export type OpportunityEvent =
  | OpportunityOpened
  | OpportunityStageChanged
  | OpportunityRevised
  | OpportunityAssigned
  | ContactRoleAssigned
  | OpportunityWon
  | OpportunityLost
  | OpportunityReopened;

const opportunityEventTypes: { [T in OpportunityEvent['type']]: true } = {
  OpportunityOpened: true,
  OpportunityStageChanged: true,
  OpportunityRevised: true,
  OpportunityAssigned: true,
  ContactRoleAssigned: true,
  OpportunityWon: true,
  OpportunityLost: true,
  OpportunityReopened: true,
};

export const OPPORTUNITY_EVENT_TYPES = Object.freeze(
  Object.keys(opportunityEventTypes),
) as readonly OpportunityEvent['type'][];

export const isOpportunityEvent = (event: { type: string }): event is OpportunityEvent =>
  Object.hasOwn(opportunityEventTypes, event.type);
