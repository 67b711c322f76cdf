import type { CommandMetadata } from '../shared/decider';
import { given } from '../shared/testing/given-when-then';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decider';
import type { AccountEvent, AccountRegistered } from './account.events';

const accountId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const parentId = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const grandParentId = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
const metadata: CommandMetadata = { now: '2025-05-14T09:30:00.000Z', actor: 'rep-1' };

const command = <T extends AccountCommand['type']>(type: T, data: Extract<AccountCommand, { type: T }>['data']) =>
  ({ type, data, metadata }) as Extract<AccountCommand, { type: T }>;

const register = (overrides: Partial<Extract<AccountCommand, { type: 'RegisterAccount' }>['data']> = {}) =>
  command('RegisterAccount', { accountId, name: ' Acme  B.V. ', kind: 'COMPANY', domain: 'www.Acme.nl', ...overrides });

const registered: AccountRegistered = {
  type: 'AccountRegistered',
  data: {
    accountId,
    name: 'Acme B.V.',
    kind: 'COMPANY',
    domain: 'acme.nl',
    industry: null,
    parentAccountId: null,
    registrationNumber: null,
    ownerId: 'rep-1',
  },
};

const updated = (changes: Extract<AccountEvent, { type: 'AccountDetailsUpdated' }>['data']['changes']): AccountEvent => ({
  type: 'AccountDetailsUpdated',
  data: { accountId, changes },
});

describe('RegisterAccount', () => {
  it('registers an account owned by the actor by default', () => {
    given(accountDecider).when(register()).then([registered]);
  });

  it('registers with all details and a parent', () => {
    const data = { industry: 'Logistics', registrationNumber: 'KvK 12345678', ownerId: 'rep-7', parentAccountId: parentId };
    const cmd = register({ ...data, parentExists: true, parentAncestry: [parentId, grandParentId] });
    given(accountDecider).when(cmd).then([{ type: 'AccountRegistered', data: { ...registered.data, ...data } }]);
  });

  it('needs a name and a kind', () => {
    const error = given(accountDecider)
      .when(register({ name: undefined as never, kind: undefined as never }))
      .thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'name' }, { field: 'kind' }] });
  });

  it('rejects a malformed domain', () => {
    given(accountDecider).when(register({ domain: 'localhost' })).thenThrows('BAD_USER_INPUT');
  });

  it('refuses a parent the caller could not find', () => {
    given(accountDecider).when(register({ parentAccountId: parentId, parentExists: false })).thenThrows('PARENT_ACCOUNT_NOT_FOUND');
  });

  it('refuses to be its own parent', () => {
    given(accountDecider)
      .when(register({ parentAccountId: accountId, parentExists: true, parentAncestry: [accountId] }))
      .thenThrows('ACCOUNT_PARENT_CYCLE');
  });

  it('refuses to register the same account twice', () => {
    given(accountDecider, [registered]).when(register()).thenThrows('ALREADY_EXISTS');
  });
});

describe('UpdateAccountDetails', () => {
  it('records only the changed fields', () => {
    const cmd = command('UpdateAccountDetails', { accountId, name: 'Acme B.V.', industry: 'Logistics', domain: null });
    given(accountDecider, [registered]).when(cmd).then([updated({ industry: 'Logistics', domain: null })]);
  });

  it('is a no-op without changes', () => {
    const cmd = command('UpdateAccountDetails', { accountId, name: 'Acme  B.V.', domain: 'https://acme.nl' });
    given(accountDecider, [registered]).when(cmd).thenNothing();
  });

  it('sets a parent that exists and forms no cycle', () => {
    const cmd = command('UpdateAccountDetails', { accountId, parentAccountId: parentId, parentExists: true, parentAncestry: [parentId] });
    given(accountDecider, [registered]).when(cmd).then([updated({ parentAccountId: parentId })]);
  });

  it('refuses a parent whose ancestry contains this account', () => {
    const cmd = command('UpdateAccountDetails', {
      accountId,
      parentAccountId: parentId,
      parentExists: true,
      parentAncestry: [parentId, grandParentId, accountId.toUpperCase()],
    });
    given(accountDecider, [registered]).when(cmd).thenThrows('ACCOUNT_PARENT_CYCLE');
  });

  it('refuses a parent that does not exist', () => {
    const cmd = command('UpdateAccountDetails', { accountId, parentAccountId: parentId, parentExists: false });
    given(accountDecider, [registered]).when(cmd).thenThrows('PARENT_ACCOUNT_NOT_FOUND');
  });

  it('with onlyEmptyFields fills empty fields and never overwrites', () => {
    const cmd = command('UpdateAccountDetails', {
      accountId,
      onlyEmptyFields: true,
      name: 'Acme Holding',
      kind: 'FOUNDATION',
      domain: 'acme.com',
      industry: 'Logistics',
    });
    given(accountDecider, [registered]).when(cmd).then([updated({ industry: 'Logistics' })]);
  });

  it('with onlyEmptyFields is a no-op when nothing is empty', () => {
    const filled = { ...registered, data: { ...registered.data, industry: 'Retail' } };
    const cmd = command('UpdateAccountDetails', { accountId, onlyEmptyFields: true, domain: 'acme.com', industry: 'Logistics' });
    given(accountDecider, [filled]).when(cmd).thenNothing();
  });

  it('is NOT_FOUND for an account that does not exist', () => {
    given(accountDecider).when(command('UpdateAccountDetails', { accountId, industry: 'x' })).thenThrows('NOT_FOUND');
  });
});

describe('AssignAccount', () => {
  it('assigns to a new owner', () => {
    const event: AccountEvent = { type: 'AccountAssigned', data: { accountId, ownerId: 'rep-2', previousOwnerId: 'rep-1' } };
    given(accountDecider, [registered]).when(command('AssignAccount', { accountId, ownerId: 'rep-2' })).then([event]);
  });

  it('is a no-op for the same owner', () => {
    given(accountDecider, [registered]).when(command('AssignAccount', { accountId, ownerId: 'rep-1' })).thenNothing();
  });

  it('is NOT_FOUND for an account that does not exist', () => {
    given(accountDecider).when(command('AssignAccount', { accountId, ownerId: 'rep-1' })).thenThrows('NOT_FOUND');
  });
});

describe('evolve', () => {
  it('folds details and owner', () => {
    const events: AccountEvent[] = [
      registered,
      updated({ industry: 'Logistics' }),
      { type: 'AccountAssigned', data: { accountId, ownerId: 'rep-2', previousOwnerId: 'rep-1' } },
    ];
    const state = events.reduce(accountDecider.evolve, accountDecider.initialState());
    expect(state).toEqual({ ...registered.data, industry: 'Logistics', ownerId: 'rep-2', status: 'ACTIVE' });
  });
});
