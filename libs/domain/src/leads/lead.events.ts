import type { Event } from '../shared/decider';
import type { MoneyJson } from '../shared/money';
import type { AccountKind } from '../accounts/account.enums';
import type { ContactRelationship } from '../contacts/contact.enums';
import type { DisqualificationReason, LeadSource, Seniority } from './lead.enums';
import type { PersonErasedFacts, SuppressionLiftedFacts } from '../privacy/person-erased';

export type LeadDetails = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  seniority: Seniority | null;
  companyName: string;
  companyDomain: string | null;
  sourceDetail: string | null;
};

export type LeadCaptured = Event<
  'LeadCaptured',
  LeadDetails & { leadId: string; subjectId: string; source: LeadSource; ownerId: string | null }
>;

/** Only the fields that changed, with their new value; null means the field was cleared. */
export type LeadDetailsUpdated = Event<'LeadDetailsUpdated', { leadId: string; changes: Partial<LeadDetails> }>;

export type LeadAssigned = Event<'LeadAssigned', { leadId: string; ownerId: string; previousOwnerId: string | null }>;

export type LeadWorkingStarted = Event<'LeadWorkingStarted', { leadId: string; from: 'NEW' }>;

export type LeadQualified = Event<'LeadQualified', { leadId: string; from: 'NEW' | 'WORKING' }>;

export type LeadDisqualified = Event<
  'LeadDisqualified',
  {
    leadId: string;
    reason: DisqualificationReason;
    notes: string | null;
    from: 'NEW' | 'WORKING' | 'QUALIFIED';
  }
>;

export type LeadReopened = Event<
  'LeadReopened',
  { leadId: string; from: 'DISQUALIFIED'; to: 'WORKING'; previousReason: DisqualificationReason }
>;

export type ConvertedAccount = {
  accountId: string;
  /** true: fill the existing account's empty fields only; false: register a new account. */
  existing: boolean;
  name: string;
  kind: AccountKind;
  domain: string | null;
  industry: string | null;
  ownerId: string;
};

export type ConvertedContact = {
  contactId: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  relationship: ContactRelationship;
  sourceLeadId: string;
  /** The contact is the same person as the lead: the same data subject, under the same key. */
  subjectId: string;
};

export type ConvertedOpportunity = {
  opportunityId: string;
  accountId: string;
  name: string;
  amount: MoneyJson;
  expectedCloseDate: string;
  ownerId: string;
  stage: 'PROSPECTING';
  primaryContactId: string;
};

/** Everything needed to create the account, contact and opportunity later, idempotently. */
export type LeadConverted = Event<
  'LeadConverted',
  {
    leadId: string;
    from: 'QUALIFIED';
    source: LeadSource;
    account: ConvertedAccount;
    contact: ConvertedContact;
    opportunity: ConvertedOpportunity | null;
  }
>;

/** The person was erased: their key is destroyed, so every personal field of this stream reads as null. */
export type LeadPersonErased = Event<'PersonErased', PersonErasedFacts & { leadId: string }>;

export type LeadSuppressionLifted = Event<'SuppressionLifted', SuppressionLiftedFacts & { leadId: string }>;

export type LeadEvent =
  | LeadCaptured
  | LeadDetailsUpdated
  | LeadAssigned
  | LeadWorkingStarted
  | LeadQualified
  | LeadDisqualified
  | LeadReopened
  | LeadConverted
  | LeadPersonErased
  | LeadSuppressionLifted;

const leadEventTypes: { [T in LeadEvent['type']]: true } = {
  LeadCaptured: true,
  LeadDetailsUpdated: true,
  LeadAssigned: true,
  LeadWorkingStarted: true,
  LeadQualified: true,
  LeadDisqualified: true,
  LeadReopened: true,
  LeadConverted: true,
  PersonErased: true,
  SuppressionLifted: true,
};

export const LEAD_EVENT_TYPES = Object.freeze(Object.keys(leadEventTypes)) as readonly LeadEvent['type'][];

export const isLeadEvent = (event: { type: string }): event is LeadEvent => Object.hasOwn(leadEventTypes, event.type);
