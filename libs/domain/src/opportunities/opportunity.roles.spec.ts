import { given } from '../shared/testing/given-when-then';
import type { AssignContactRole } from './opportunity.commands';
import { opportunityDecider } from './opportunity.decider';
import type { ContactRoleAssigned } from './opportunity.events';
import { accountId, janeId, opened, opportunityCommand, opportunityId, otherAccountId, pietId, won } from './opportunity.fixtures';

const assignRole = (data: Omit<AssignContactRole['data'], 'opportunityId' | 'contactAccountId'> & { contactAccountId?: string | null }) =>
  opportunityCommand('AssignContactRole', { opportunityId, contactAccountId: accountId, ...data });

const roleAssigned = (data: Omit<ContactRoleAssigned['data'], 'opportunityId' | 'accountId'>): ContactRoleAssigned => ({
  type: 'ContactRoleAssigned',
  data: { opportunityId, accountId, ...data },
});

const janeChampionPrimary = roleAssigned({
  contactId: janeId,
  role: 'CHAMPION',
  primary: true,
  primaryContactId: janeId,
  previousPrimaryContactId: null,
});

describe('AssignContactRole', () => {
  it('gives a contact of the account a role and makes them primary', () => {
    given(opportunityDecider, [opened])
      .when(assignRole({ contactId: janeId, role: 'CHAMPION', primary: true }))
      .then([janeChampionPrimary]);
  });

  it('lets a contact hold several roles, keeping the primary as it is', () => {
    const event = roleAssigned({
      contactId: janeId,
      role: 'ECONOMIC_BUYER',
      primary: true,
      primaryContactId: janeId,
      previousPrimaryContactId: janeId,
    });
    given(opportunityDecider, [opened, janeChampionPrimary])
      .when(assignRole({ contactId: janeId, role: 'ECONOMIC_BUYER', primary: false }))
      .then([event]);
  });

  it('moves the primary from the previous contact and records it', () => {
    const event = roleAssigned({
      contactId: pietId,
      role: 'DECISION_MAKER',
      primary: true,
      primaryContactId: pietId,
      previousPrimaryContactId: janeId,
    });
    given(opportunityDecider, [opened, janeChampionPrimary])
      .when(assignRole({ contactId: pietId, role: 'DECISION_MAKER', primary: true }))
      .then([event]);
  });

  it('adds a non-primary contact without touching the primary', () => {
    const event = roleAssigned({
      contactId: pietId,
      role: 'USER',
      primary: false,
      primaryContactId: janeId,
      previousPrimaryContactId: janeId,
    });
    given(opportunityDecider, [opened, janeChampionPrimary])
      .when(assignRole({ contactId: pietId, role: 'USER', primary: false }))
      .then([event]);
  });

  it('makes a contact primary for a role they already hold', () => {
    const pietUser = roleAssigned({
      contactId: pietId,
      role: 'USER',
      primary: false,
      primaryContactId: janeId,
      previousPrimaryContactId: janeId,
    });
    const event = roleAssigned({
      contactId: pietId,
      role: 'USER',
      primary: true,
      primaryContactId: pietId,
      previousPrimaryContactId: janeId,
    });
    given(opportunityDecider, [opened, janeChampionPrimary, pietUser])
      .when(assignRole({ contactId: pietId, role: 'USER', primary: true }))
      .then([event]);
  });

  it.each([true, false])('is a no-op for a role already held (primary: %s)', (primary) => {
    given(opportunityDecider, [opened, janeChampionPrimary])
      .when(assignRole({ contactId: janeId, role: 'CHAMPION', primary }))
      .thenNothing();
  });

  it.each([otherAccountId, null])('refuses a contact whose current account is %s', (contactAccountId) => {
    given(opportunityDecider, [opened])
      .when(assignRole({ contactId: janeId, role: 'CHAMPION', primary: false, contactAccountId }))
      .thenThrows('CONTACT_NOT_AT_ACCOUNT');
  });

  it('rejects an unknown role', () => {
    given(opportunityDecider, [opened])
      .when(assignRole({ contactId: janeId, role: 'FAN' as never, primary: false }))
      .thenThrows('BAD_USER_INPUT');
  });

  it('refuses a closed opportunity', () => {
    given(opportunityDecider, [opened, won])
      .when(assignRole({ contactId: janeId, role: 'CHAMPION', primary: true }))
      .thenThrows('OPPORTUNITY_CLOSED');
  });

  it('folds roles per contact and the single primary', () => {
    const pietPrimary = roleAssigned({
      contactId: pietId,
      role: 'USER',
      primary: true,
      primaryContactId: pietId,
      previousPrimaryContactId: janeId,
    });
    const state = [opened, janeChampionPrimary, pietPrimary].reduce(opportunityDecider.evolve, opportunityDecider.initialState());
    expect(state).toMatchObject({ primaryContactId: pietId, contactRoles: { [janeId]: ['CHAMPION'], [pietId]: ['USER'] } });
  });
});
