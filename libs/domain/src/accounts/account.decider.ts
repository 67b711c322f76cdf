import { assertNever } from '../shared/assert-never';
import { changedFields, emptyFieldsFilled, hasChanges } from '../shared/changes';
import type { CommandMetadata, Decider } from '../shared/decider';
import { NotFoundError, RuleViolation } from '../shared/errors';
import { EntityId, UserId } from '../shared/ids';
import { nullable, parseFields, requireFields } from '../shared/validation';
import type { AccountCommand, RegisterAccount, UpdateAccountDetails } from './account.commands';
import type { AccountEvent } from './account.events';
import { checkParent, parseAccountDetails } from './account.inputs';
import { evolveAccount, initialAccountState, type AccountState, type ActiveAccount } from './account.state';

function register(state: AccountState, data: RegisterAccount['data'], metadata: CommandMetadata): AccountEvent[] {
  if (state.status !== 'Unknown') {
    throw new RuleViolation('ALREADY_EXISTS', `Account ${state.accountId} already exists`);
  }
  const { accountId, ownerId } = parseFields({
    accountId: () => EntityId.parse(data.accountId, 'accountId'),
    ownerId: () =>
      nullable(data.ownerId, (raw) => UserId.parse(raw, 'ownerId')) ?? UserId.parse(metadata.actor, 'actor'),
  });
  const details = requireFields(parseAccountDetails(data), ['name', 'kind']);
  const { name, kind } = details;
  const parentAccountId = details.parentAccountId ?? null;
  checkParent(accountId, parentAccountId, data);
  const optionalDetails = {
    domain: details.domain ?? null,
    industry: details.industry ?? null,
    registrationNumber: details.registrationNumber ?? null,
  };
  return [{ type: 'AccountRegistered', data: { accountId, name, kind, ...optionalDetails, parentAccountId, ownerId } }];
}

function update(account: ActiveAccount, data: UpdateAccountDetails['data']): AccountEvent[] {
  const proposed = parseAccountDetails(data);
  const changes =
    data.onlyEmptyFields === true ? emptyFieldsFilled(account, proposed) : changedFields(account, proposed);
  if (!hasChanges(changes)) return [];
  checkParent(account.accountId, changes.parentAccountId, data);
  return [{ type: 'AccountDetailsUpdated', data: { accountId: account.accountId, changes } }];
}

function assign(account: ActiveAccount, rawOwnerId: string): AccountEvent[] {
  const ownerId = UserId.parse(rawOwnerId, 'ownerId');
  if (ownerId === account.ownerId) return [];
  const { accountId, ownerId: previousOwnerId } = account;
  return [{ type: 'AccountAssigned', data: { accountId, ownerId, previousOwnerId } }];
}

function requireAccount(state: AccountState, accountId: string): ActiveAccount {
  if (state.status === 'Unknown' || state.accountId !== accountId.trim().toLowerCase()) {
    throw new NotFoundError('Account', accountId);
  }
  return state;
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'RegisterAccount':
      return register(state, command.data, command.metadata);
    case 'UpdateAccountDetails':
      return update(requireAccount(state, command.data.accountId), command.data);
    case 'AssignAccount':
      return assign(requireAccount(state, command.data.accountId), command.data.ownerId);
    default:
      return assertNever(command);
  }
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  decide: decideAccount,
  evolve: evolveAccount,
  initialState: initialAccountState,
};
