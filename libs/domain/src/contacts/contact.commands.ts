import type { Command } from '../shared/decider';
import type { ContactRelationship } from './contact.enums';
import type { ErasureReason, SuppressionKind } from '../privacy/privacy.enums';

export type AddContact = Command<
  'AddContact',
  {
    contactId: string;
    /** The data subject: the converted lead's, or a new one for a contact added directly. */
    subjectId: string;
    accountId: string;
    /** Looked up by the caller: does the account stream exist? */
    accountExists: boolean;
    firstName: string;
    lastName: string;
    email?: string | null;
    phone?: string | null;
    jobTitle?: string | null;
    relationship: ContactRelationship;
    /** The lead this contact was converted from, if any. */
    sourceLeadId?: string | null;
  }
>;

/** Omitted fields stay as they are; null or "" clears an optional field. */
export type UpdateContactDetails = Command<
  'UpdateContactDetails',
  {
    contactId: string;
    firstName?: string;
    lastName?: string;
    email?: string | null;
    phone?: string | null;
    jobTitle?: string | null;
    relationship?: ContactRelationship;
  }
>;

export type MoveContact = Command<
  'MoveContact',
  {
    contactId: string;
    toAccountId: string;
    /** Looked up by the caller: does the target account exist? */
    toAccountExists: boolean;
    /** The job title at the new account; omitted keeps the current one, null clears it. */
    jobTitle?: string | null;
    /** Omitted keeps the current relationship. */
    relationship?: ContactRelationship;
  }
>;

export type MarkContactLeft = Command<'MarkContactLeft', { contactId: string }>;

export type EraseContact = Command<'EraseContact', { contactId: string; reason: ErasureReason }>;

export type RecordContactSuppressionLifted = Command<
  'RecordSuppressionLifted',
  { contactId: string; kind: SuppressionKind; reason: string }
>;

export type ContactCommand =
  | AddContact
  | UpdateContactDetails
  | MoveContact
  | MarkContactLeft
  | EraseContact
  | RecordContactSuppressionLifted;
