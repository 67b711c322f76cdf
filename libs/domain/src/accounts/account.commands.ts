import type { Command } from '../shared/decider';
import type { AccountKind } from './account.enums';

/** Facts about the proposed parent, looked up by the caller before deciding. */
export type ParentFacts = {
  /** Does the parent account exist? Required when parentAccountId is given. */
  parentExists?: boolean;
  /** The proposed parent's id followed by its ancestors' ids (parent, grandparent, ...). */
  parentAncestry?: string[];
};

export type RegisterAccount = Command<
  'RegisterAccount',
  ParentFacts & {
    accountId: string;
    name: string;
    kind: AccountKind;
    domain?: string | null;
    industry?: string | null;
    parentAccountId?: string | null;
    registrationNumber?: string | null;
    /** Defaults to the actor. */
    ownerId?: string | null;
  }
>;

/** Omitted fields stay as they are; null or "" clears an optional field. */
export type UpdateAccountDetails = Command<
  'UpdateAccountDetails',
  ParentFacts & {
    accountId: string;
    name?: string;
    kind?: AccountKind;
    domain?: string | null;
    industry?: string | null;
    parentAccountId?: string | null;
    registrationNumber?: string | null;
    /** Conversion into an existing account: fill only fields that are empty now, never overwrite. */
    onlyEmptyFields?: boolean;
  }
>;

export type AssignAccount = Command<'AssignAccount', { accountId: string; ownerId: string }>;

export type AccountCommand = RegisterAccount | UpdateAccountDetails | AssignAccount;
