import type { CommandMetadata } from '../shared/decider';
import { given } from '../shared/testing/given-when-then';
import type { AddContact, ContactCommand } from './contact.commands';
import { contactDecider } from './contact.decider';
import type { ContactAdded, ContactEvent } from './contact.events';

const contactId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const accountId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const otherAccountId = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const leadId = '2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f';
const subjectId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const metadata: CommandMetadata = { now: '2025-05-14T09:30:00.000Z', actor: 'rep-1' };

const command = <T extends ContactCommand['type']>(type: T, data: Extract<ContactCommand, { type: T }>['data']) =>
  ({ type, data, metadata }) as Extract<ContactCommand, { type: T }>;

const addContact = (overrides: Partial<AddContact['data']> = {}) =>
  command('AddContact', {
    contactId,
    subjectId,
    accountId,
    accountExists: true,
    firstName: 'Jane',
    lastName: 'de Vries',
    email: 'jane@ACME.nl',
    phone: '+31 6 12345678',
    jobTitle: 'COO',
    relationship: 'EMPLOYEE',
    sourceLeadId: leadId,
    ...overrides,
  });

const added: ContactAdded = {
  type: 'ContactAdded',
  data: {
    contactId,
    subjectId,
    accountId,
    firstName: 'Jane',
    lastName: 'de Vries',
    email: 'jane@acme.nl',
    phone: '+31612345678',
    jobTitle: 'COO',
    relationship: 'EMPLOYEE',
    sourceLeadId: leadId,
  },
};
const left: ContactEvent = { type: 'ContactLeft', data: { contactId, accountId } };
const markLeft = command('MarkContactLeft', { contactId });
const moveTo = (toAccountId: string, extra: Partial<Extract<ContactCommand, { type: 'MoveContact' }>['data']> = {}) =>
  command('MoveContact', { contactId, toAccountId, toAccountExists: true, ...extra });

describe('AddContact', () => {
  it('adds a contact at an existing account', () => {
    given(contactDecider).when(addContact()).then([added]);
  });

  it('keeps missing details as null', () => {
    const cmd = addContact({ email: undefined, phone: null, jobTitle: '', sourceLeadId: undefined });
    const data = { ...added.data, email: null, phone: null, jobTitle: null, sourceLeadId: null };
    given(contactDecider).when(cmd).then([{ type: 'ContactAdded', data }]);
  });

  it('needs names and a relationship', () => {
    const error = given(contactDecider)
      .when(addContact({ firstName: undefined as never, relationship: undefined as never }))
      .thenThrows('BAD_USER_INPUT');
    expect(error).toMatchObject({ fields: [{ field: 'firstName' }, { field: 'relationship' }] });
  });

  it('refuses an account the caller could not find', () => {
    given(contactDecider).when(addContact({ accountExists: false })).thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('refuses to add the same contact twice', () => {
    given(contactDecider, [added]).when(addContact()).thenThrows('ALREADY_EXISTS');
  });
});

describe('UpdateContactDetails', () => {
  it('records only the changed fields', () => {
    const cmd = command('UpdateContactDetails', { contactId, firstName: 'Jane', jobTitle: 'CEO', relationship: 'OWNER' });
    const event: ContactEvent = {
      type: 'ContactDetailsUpdated',
      data: { contactId, accountId, changes: { jobTitle: 'CEO', relationship: 'OWNER' } },
    };
    given(contactDecider, [added]).when(cmd).then([event]);
  });

  it('is a no-op without changes', () => {
    given(contactDecider, [added]).when(command('UpdateContactDetails', { contactId, phone: '06 1234 5678' })).thenNothing();
  });

  it('refuses a contact who left', () => {
    given(contactDecider, [added, left]).when(command('UpdateContactDetails', { contactId, jobTitle: 'CEO' })).thenThrows('CONTACT_LEFT');
  });

  it('is NOT_FOUND for a contact that does not exist', () => {
    given(contactDecider).when(command('UpdateContactDetails', { contactId, jobTitle: 'CEO' })).thenThrows('NOT_FOUND');
  });
});

describe('MoveContact', () => {
  it('moves to another account, keeping the job title unless a new one is given', () => {
    const event: ContactEvent = {
      type: 'ContactMoved',
      data: { contactId, fromAccountId: accountId, toAccountId: otherAccountId, jobTitle: 'COO', relationship: 'EMPLOYEE', reactivated: false },
    };
    given(contactDecider, [added]).when(moveTo(otherAccountId)).then([event]);
  });

  it('takes a new job title and relationship', () => {
    const [event] = given(contactDecider, [added])
      .when(moveTo(otherAccountId, { jobTitle: 'Advisor to the board', relationship: 'ADVISOR' }))
      .then([expect.objectContaining({ type: 'ContactMoved' })]);
    expect(event.data).toMatchObject({ jobTitle: 'Advisor to the board', relationship: 'ADVISOR' });
  });

  it('refuses a move to the account the contact is at', () => {
    given(contactDecider, [added]).when(moveTo(accountId)).thenThrows('CONTACT_ALREADY_AT_ACCOUNT');
  });

  it('refuses an account the caller could not find', () => {
    given(contactDecider, [added]).when(moveTo(otherAccountId, { toAccountExists: false })).thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('re-activates a contact who left, also back at the same account', () => {
    const event: ContactEvent = {
      type: 'ContactMoved',
      data: { contactId, fromAccountId: accountId, toAccountId: accountId, jobTitle: null, relationship: 'EMPLOYEE', reactivated: true },
    };
    given(contactDecider, [added, left]).when(moveTo(accountId, { jobTitle: null })).then([event]);
  });
});

describe('MarkContactLeft', () => {
  it('marks an active contact as left', () => {
    given(contactDecider, [added]).when(markLeft).then([left]);
  });

  it('is a no-op for a contact who already left', () => {
    given(contactDecider, [added, left]).when(markLeft).thenNothing();
  });

  it('is NOT_FOUND for a contact that does not exist', () => {
    given(contactDecider).when(markLeft).thenThrows('NOT_FOUND');
  });
});

describe('evolve', () => {
  it('keeps the contact with status LEFT and re-activates it on a move', () => {
    const moved: ContactEvent = {
      type: 'ContactMoved',
      data: { contactId, fromAccountId: accountId, toAccountId: otherAccountId, jobTitle: 'CFO', relationship: 'EMPLOYEE', reactivated: true },
    };
    const afterLeft = [added, left].reduce(contactDecider.evolve, contactDecider.initialState());
    expect(afterLeft).toMatchObject({ status: 'LEFT', accountId });
    expect(contactDecider.evolve(afterLeft, moved)).toMatchObject({ status: 'ACTIVE', accountId: otherAccountId, jobTitle: 'CFO' });
  });
});
