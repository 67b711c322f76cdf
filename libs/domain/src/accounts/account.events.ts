import type { Event } from '../shared/decider';
import type { AccountKind } from './account.enums';

export type AccountDetails = {
  name: string;
  kind: AccountKind;
  domain: string | null;
  industry: string | null;
  parentAccountId: string | null;
  registrationNumber: string | null;
};

export type AccountRegistered = Event<'AccountRegistered', AccountDetails & { accountId: string; ownerId: string }>;

/** Only the fields that changed, with their new value; null means the field was cleared. */
export type AccountDetailsUpdated = Event<
  'AccountDetailsUpdated',
  { accountId: string; changes: Partial<AccountDetails> }
>;

export type AccountAssigned = Event<
  'AccountAssigned',
  { accountId: string; ownerId: string; previousOwnerId: string }
>;

export type AccountEvent = AccountRegistered | AccountDetailsUpdated | AccountAssigned;

const accountEventTypes: { [T in AccountEvent['type']]: true } = {
  AccountRegistered: true,
  AccountDetailsUpdated: true,
  AccountAssigned: true,
};

export const ACCOUNT_EVENT_TYPES = Object.freeze(Object.keys(accountEventTypes)) as readonly AccountEvent['type'][];

export const isAccountEvent = (event: { type: string }): event is AccountEvent =>
  Object.hasOwn(accountEventTypes, event.type);
