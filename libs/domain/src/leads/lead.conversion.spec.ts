import { given } from '../shared/testing/given-when-then';
import { leadDecider } from './lead.decider';
import type { LeadConverted, LeadEvent } from './lead.events';
import {
  accountId,
  contactId,
  convertLead,
  leadCaptured,
  leadCommand,
  leadId,
  leadQualified,
  opportunityId,
  subjectId,
  workingStarted,
} from './lead.fixtures';

const qualifiedLead = [leadCaptured, workingStarted, leadQualified];

const contact = {
  contactId,
  accountId,
  firstName: 'Jane',
  lastName: 'de Vries',
  email: 'Jane.deVries@acme.nl',
  phone: '+31201234567',
  jobTitle: 'Head of Operations',
  relationship: 'EMPLOYEE' as const,
  sourceLeadId: leadId,
  subjectId,
};

const newAccount = {
  accountId,
  existing: false,
  name: 'Acme B.V.',
  kind: 'COMPANY' as const,
  domain: 'acme.nl',
  industry: null,
  ownerId: 'rep-2',
};

const leadConverted = (data: Partial<LeadConverted['data']> = {}): LeadConverted => ({
  type: 'LeadConverted',
  data: { leadId, from: 'QUALIFIED', source: 'WEB_FORM', account: newAccount, contact, opportunity: null, ...data },
});

describe('ConvertLead', () => {
  it('converts into a new account taken from the lead, without an opportunity', () => {
    given(leadDecider, qualifiedLead).when(convertLead()).then([leadConverted()]);
  });

  it('uses the account details given instead of the lead company', () => {
    const account = { name: 'Acme Holding', kind: 'FOUNDATION' as const, domain: 'acme.com', industry: 'Logistics' };
    given(leadDecider, qualifiedLead)
      .when(convertLead({ account }))
      .then([leadConverted({ account: { ...newAccount, ...account } })]);
  });

  it('converts into an existing account, proposing the lead company for its empty fields', () => {
    const command = convertLead({ existingAccount: true, accountExists: true });
    given(leadDecider, qualifiedLead)
      .when(command)
      .then([leadConverted({ account: { ...newAccount, existing: true } })]);
  });

  it('opens an opportunity owned by the lead owner, closing at the end of the quarter by default', () => {
    const command = convertLead({ opportunityId, opportunity: { amount: '12500', currency: 'eur' } });
    const opportunity = {
      opportunityId,
      accountId,
      name: 'Acme B.V.',
      amount: { amount: '12500.00', currency: 'EUR' },
      expectedCloseDate: '2025-06-30',
      ownerId: 'rep-2',
      stage: 'PROSPECTING' as const,
      primaryContactId: contactId,
    };
    given(leadDecider, qualifiedLead).when(command).then([leadConverted({ opportunity })]);
  });

  it('gives an unassigned lead\'s account and opportunity to the actor', () => {
    const unassigned = { ...leadCaptured, data: { ...leadCaptured.data, ownerId: null } };
    const command = convertLead({
      opportunityId,
      opportunity: { name: 'Fleet renewal', amount: '100', currency: 'JPY', expectedCloseDate: '2025-12-01' },
    });
    const [event] = given(leadDecider, [unassigned, workingStarted, leadQualified]).when(command).then([expect.anything() as LeadEvent]);
    expect(event).toMatchObject({
      data: {
        account: { ownerId: 'rep-1' },
        opportunity: { name: 'Fleet renewal', amount: { amount: '100', currency: 'JPY' }, expectedCloseDate: '2025-12-01', ownerId: 'rep-1' },
      },
    });
  });

  it('needs the opportunity id and the opportunity together', () => {
    given(leadDecider, qualifiedLead).when(convertLead({ opportunityId })).thenThrows('BAD_USER_INPUT');
    given(leadDecider, qualifiedLead)
      .when(convertLead({ opportunity: { amount: '1', currency: 'EUR' } }))
      .thenThrows('BAD_USER_INPUT');
  });

  it('rejects a malformed opportunity amount', () => {
    const command = convertLead({ opportunityId, opportunity: { amount: '12.345', currency: 'EUR' } });
    given(leadDecider, qualifiedLead).when(command).thenThrows('BAD_USER_INPUT');
  });

  it('refuses an existing account that the caller could not find', () => {
    const command = convertLead({ existingAccount: true, accountExists: false });
    given(leadDecider, qualifiedLead).when(command).thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('refuses a new account id that is already taken', () => {
    given(leadDecider, qualifiedLead).when(convertLead({ accountExists: true })).thenThrows('ALREADY_EXISTS');
  });
});

describe('a converted lead is final', () => {
  const history = [...qualifiedLead, leadConverted()];

  it.each([
    leadCommand('UpdateLeadDetails', { leadId, jobTitle: 'CEO' }),
    leadCommand('AssignLead', { leadId, ownerId: 'rep-9' }),
    leadCommand('StartWorkingLead', { leadId }),
    leadCommand('QualifyLead', { leadId }),
    leadCommand('DisqualifyLead', { leadId, reason: 'OTHER' }),
    leadCommand('ReopenLead', { leadId }),
    convertLead(),
  ])('refuses $type', (command) => {
    given(leadDecider, history).when(command).thenThrows('LEAD_CONVERTED');
  });

  it('remembers the ids it was converted into', () => {
    const state = history.reduce(leadDecider.evolve, leadDecider.initialState());
    expect(state).toMatchObject({ status: 'CONVERTED', conversion: { accountId, contactId, opportunityId: null } });
  });
});
