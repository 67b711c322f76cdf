import { assertNever } from '../shared/assert-never';
import { changedFields, hasChanges } from '../shared/changes';
import type { Decider } from '../shared/decider';
import { NotFoundError, RuleViolation } from '../shared/errors';
import { EntityId } from '../shared/ids';
import { given, nullable, optional, parseFields, requireFields } from '../shared/validation';
import type { AddContact, ContactCommand, EraseContact, MoveContact, UpdateContactDetails } from './contact.commands';
import { parseErasureReason, parseLiftReason, personErased } from '../privacy/person-erased';
import { SUPPRESSION_KINDS } from '../privacy/privacy.enums';
import { parseEnum } from '../shared/enums';
import type { ContactDetails, ContactEvent } from './contact.events';
import { parseContactDetails, parseJobTitle, parseRelationship } from './contact.inputs';
import { evolveContact, initialContactState, type ContactState, type KnownContact } from './contact.state';

const accountNotFound = (accountId: string): RuleViolation =>
  new RuleViolation('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist`);

function add(state: ContactState, data: AddContact['data']): ContactEvent[] {
  if (state.status !== 'Unknown') {
    throw new RuleViolation('ALREADY_EXISTS', `Contact ${state.contactId} already exists`);
  }
  const ids = parseFields({
    contactId: () => EntityId.parse(data.contactId, 'contactId'),
    subjectId: () => EntityId.parse(data.subjectId, 'subjectId'),
    accountId: () => EntityId.parse(data.accountId, 'accountId'),
    sourceLeadId: () => nullable(data.sourceLeadId, (raw) => EntityId.parse(raw, 'sourceLeadId')),
  });
  const details = requireFields(parseContactDetails(data), ['firstName', 'lastName', 'relationship']);
  const { firstName, lastName, relationship } = details;
  if (!data.accountExists) throw accountNotFound(ids.accountId);
  const contact = { email: details.email ?? null, phone: details.phone ?? null, jobTitle: details.jobTitle ?? null };
  return [{ type: 'ContactAdded', data: { ...ids, firstName, lastName, ...contact, relationship } }];
}

/** A contact who left is kept for history and read-only, until moved to an account again. */
function requireActive(contact: KnownContact): KnownContact {
  if (contact.status === 'LEFT') {
    throw new RuleViolation('CONTACT_LEFT', `Contact ${contact.contactId} has left: move them to an account first`);
  }
  return contact;
}

function update(contact: KnownContact, data: UpdateContactDetails['data']): ContactEvent[] {
  requireActive(contact);
  const changes = changedFields<Partial<ContactDetails>>(contact as Partial<ContactDetails>, parseContactDetails(data));
  if (!hasChanges(changes)) return [];
  const { contactId, accountId } = contact;
  return [{ type: 'ContactDetailsUpdated', data: { contactId, accountId, changes } }];
}

/** Moving to the same account is refused, except to bring back a contact who left it. */
function move(contact: KnownContact, data: MoveContact['data']): ContactEvent[] {
  const parsed = parseFields({
    toAccountId: () => EntityId.parse(data.toAccountId, 'toAccountId'),
    jobTitle: () => optional(data.jobTitle, parseJobTitle),
    relationship: () => given(data.relationship, parseRelationship),
  });
  const { toAccountId } = parsed;
  if (contact.status === 'ACTIVE' && toAccountId === contact.accountId) {
    const message = `Contact ${contact.contactId} is already at account ${toAccountId}`;
    throw new RuleViolation('CONTACT_ALREADY_AT_ACCOUNT', message);
  }
  if (!data.toAccountExists) throw accountNotFound(toAccountId);
  const moved = {
    contactId: contact.contactId,
    fromAccountId: contact.accountId,
    toAccountId,
    jobTitle: parsed.jobTitle === undefined ? contact.jobTitle : parsed.jobTitle,
    relationship: parsed.relationship ?? contact.relationship,
    reactivated: contact.status === 'LEFT',
  };
  return [{ type: 'ContactMoved', data: moved }];
}

function markLeft(contact: KnownContact): ContactEvent[] {
  if (contact.status === 'LEFT') return [];
  return [{ type: 'ContactLeft', data: { contactId: contact.contactId, accountId: contact.accountId } }];
}

function requireContact(state: ContactState, contactId: string): KnownContact {
  if (state.status === 'Unknown' || state.contactId !== contactId.trim().toLowerCase()) {
    throw new NotFoundError('Contact', contactId);
  }
  return state;
}

/** Erasing twice is a no-op. */
function erase(contact: KnownContact, data: EraseContact['data'], now: string): ContactEvent[] {
  const reason = parseErasureReason(data.reason);
  if (contact.erased) return [];
  return [{ type: 'PersonErased', data: { contactId: contact.contactId, subjectId: contact.subjectId, reason, erasedAt: now } }];
}

export function decideContact(command: ContactCommand, state: ContactState): ContactEvent[] {
  if (command.type === 'AddContact') return add(state, command.data);
  const contact = requireContact(state, command.data.contactId);
  if (command.type === 'EraseContact') return erase(contact, command.data, command.metadata.now);
  if (command.type === 'RecordSuppressionLifted') {
    const kind = parseEnum(SUPPRESSION_KINDS, command.data.kind, 'kind');
    const { contactId, subjectId } = contact;
    return [{ type: 'SuppressionLifted', data: { contactId, subjectId, kind, reason: parseLiftReason(command.data.reason) } }];
  }
  if (contact.erased) throw personErased('Contact', contact.contactId);
  switch (command.type) {
    case 'UpdateContactDetails':
      return update(contact, command.data);
    case 'MoveContact':
      return move(contact, command.data);
    case 'MarkContactLeft':
      return markLeft(contact);
    default:
      return assertNever(command);
  }
}

export const contactDecider: Decider<ContactCommand, ContactEvent, ContactState> = {
  decide: decideContact,
  evolve: evolveContact,
  initialState: initialContactState,
};
