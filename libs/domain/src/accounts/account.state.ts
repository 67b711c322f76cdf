import { assertNever } from '../shared/assert-never';
import type { AccountDetails, AccountEvent } from './account.events';

export type UnknownAccount = { status: 'Unknown' };
export type ActiveAccount = AccountDetails & { status: 'ACTIVE'; accountId: string; ownerId: string };
export type AccountState = UnknownAccount | ActiveAccount;

export const initialAccountState = (): AccountState => ({ status: 'Unknown' });

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountRegistered':
      return { ...event.data, status: 'ACTIVE' };
    case 'AccountDetailsUpdated':
      return state.status === 'ACTIVE' ? { ...state, ...event.data.changes } : state;
    case 'AccountAssigned':
      return state.status === 'ACTIVE' ? { ...state, ownerId: event.data.ownerId } : state;
    default:
      return assertNever(event);
  }
}
