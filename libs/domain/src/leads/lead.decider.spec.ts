import { NotFoundError, RuleViolation, ValidationError } from '../shared/errors';
import { given } from '../shared/testing/given-when-then';
import { leadDecider } from './lead.decider';
import type { LeadEvent } from './lead.events';
import {
  captureLead,
  convertLead,
  leadCaptured,
  leadCommand,
  leadDisqualified,
  leadId,
  leadQualified,
  workingStarted,
} from './lead.fixtures';

const reopened: LeadEvent = {
  type: 'LeadReopened',
  data: { leadId, from: 'DISQUALIFIED', to: 'WORKING', previousReason: 'NO_BUDGET' },
};
const startWorking = leadCommand('StartWorkingLead', { leadId });
const qualify = leadCommand('QualifyLead', { leadId });
const reopen = leadCommand('ReopenLead', { leadId });
const disqualify = leadCommand('DisqualifyLead', { leadId, reason: 'NO_BUDGET', notes: '  ' });

describe('CaptureLead', () => {
  it('captures a lead with normalised values', () => {
    given(leadDecider).when(captureLead()).then([leadCaptured]);
  });

  it('keeps missing optional details as null and leaves the lead unassigned', () => {
    const empty = { phone: null, jobTitle: null, seniority: null, companyDomain: null, sourceDetail: null, ownerId: null };
    const command = captureLead({ ...empty, phone: undefined, jobTitle: '', ownerId: undefined });
    const data = { ...leadCaptured.data, ...empty };
    given(leadDecider).when(command).then([{ type: 'LeadCaptured', data }]);
  });

  it('needs an email or a phone number', () => {
    const error = given(leadDecider).when(captureLead({ email: null, phone: ' ' })).thenThrows(ValidationError);
    expect(error.fields.map((f) => f.field)).toEqual(['email', 'phone']);
  });

  it('reports every malformed field at once', () => {
    const command = captureLead({ firstName: '', email: 'not-an-email', source: 'TV' as never, leadId: 'nope' });
    const error = given(leadDecider).when(command).thenThrows(ValidationError, 'BAD_USER_INPUT');
    expect(error.fields.map((f) => f.field).sort()).toEqual(['email', 'firstName', 'leadId', 'source']);
  });

  it('refuses to capture the same lead twice', () => {
    given(leadDecider, [leadCaptured]).when(captureLead()).thenThrows(RuleViolation, 'ALREADY_EXISTS');
  });
});

describe('commands on a lead that does not exist', () => {
  it.each([startWorking, qualify, reopen, disqualify, convertLead()])('$type is NOT_FOUND', (command) => {
    given(leadDecider).when(command).thenThrows(NotFoundError, 'NOT_FOUND');
  });
});

describe('UpdateLeadDetails', () => {
  it('records only the fields that changed', () => {
    const command = leadCommand('UpdateLeadDetails', { leadId, firstName: 'Jane', jobTitle: 'COO', phone: null });
    const changes = { jobTitle: 'COO', phone: null };
    given(leadDecider, [leadCaptured]).when(command).then([{ type: 'LeadDetailsUpdated', data: { leadId, changes } }]);
  });

  it('is a no-op when nothing changes', () => {
    const command = leadCommand('UpdateLeadDetails', { leadId, email: 'Jane.deVries@ACME.nl', companyName: 'Acme  B.V.' });
    given(leadDecider, [leadCaptured]).when(command).thenNothing();
  });

  it('refuses to clear both email and phone', () => {
    const command = leadCommand('UpdateLeadDetails', { leadId, email: null, phone: '' });
    given(leadDecider, [leadCaptured]).when(command).thenThrows('LEAD_CONTACT_DETAILS_REQUIRED');
  });

  it('refuses to clear a required name', () => {
    const command = leadCommand('UpdateLeadDetails', { leadId, lastName: ' ' });
    given(leadDecider, [leadCaptured]).when(command).thenThrows('BAD_USER_INPUT');
  });
});

describe('AssignLead', () => {
  it('assigns to a new owner, remembering the previous one', () => {
    const event: LeadEvent = { type: 'LeadAssigned', data: { leadId, ownerId: 'rep-3', previousOwnerId: 'rep-2' } };
    given(leadDecider, [leadCaptured]).when(leadCommand('AssignLead', { leadId, ownerId: 'rep-3' })).then([event]);
  });

  it('is a no-op for the same owner', () => {
    given(leadDecider, [leadCaptured]).when(leadCommand('AssignLead', { leadId, ownerId: 'rep-2' })).thenNothing();
  });
});

describe('StartWorkingLead', () => {
  it('moves a new lead to WORKING', () => {
    given(leadDecider, [leadCaptured]).when(startWorking).then([workingStarted]);
  });

  it('is a no-op when already working', () => {
    given(leadDecider, [leadCaptured, workingStarted]).when(startWorking).thenNothing();
  });

  it('refuses a qualified lead', () => {
    given(leadDecider, [leadCaptured, workingStarted, leadQualified]).when(startWorking).thenThrows('LEAD_ALREADY_QUALIFIED');
  });

  it('refuses a disqualified lead', () => {
    given(leadDecider, [leadCaptured, leadDisqualified]).when(startWorking).thenThrows('LEAD_DISQUALIFIED');
  });
});

describe('QualifyLead', () => {
  it('qualifies a working lead', () => {
    given(leadDecider, [leadCaptured, workingStarted]).when(qualify).then([leadQualified]);
  });

  it('qualifies a new lead directly, recording where it came from', () => {
    given(leadDecider, [leadCaptured]).when(qualify).then([{ type: 'LeadQualified', data: { leadId, from: 'NEW' } }]);
  });

  it('is a no-op when already qualified', () => {
    given(leadDecider, [leadCaptured, workingStarted, leadQualified]).when(qualify).thenNothing();
  });

  it('refuses a disqualified lead until it is reopened', () => {
    given(leadDecider, [leadCaptured, leadDisqualified]).when(qualify).thenThrows('LEAD_DISQUALIFIED');
  });
});

describe('DisqualifyLead', () => {
  it.each([
    ['NEW', [leadCaptured]],
    ['WORKING', [leadCaptured, workingStarted]],
    ['QUALIFIED', [leadCaptured, workingStarted, leadQualified]],
  ] as const)('disqualifies from %s with a reason and notes', (from, history) => {
    const command = leadCommand('DisqualifyLead', { leadId, reason: 'DUPLICATE', notes: ' same as lead 42 ' });
    const event: LeadEvent = { type: 'LeadDisqualified', data: { leadId, reason: 'DUPLICATE', notes: 'same as lead 42', from } };
    given(leadDecider, [...history]).when(command).then([event]);
  });

  it('treats blank notes as none', () => {
    given(leadDecider, [leadCaptured, workingStarted]).when(disqualify).then([leadDisqualified]);
  });

  it('needs a known reason', () => {
    const command = leadCommand('DisqualifyLead', { leadId, reason: 'BORED' as never });
    given(leadDecider, [leadCaptured]).when(command).thenThrows('BAD_USER_INPUT');
  });

  it('refuses a lead that is already disqualified', () => {
    given(leadDecider, [leadCaptured, leadDisqualified]).when(disqualify).thenThrows('LEAD_ALREADY_DISQUALIFIED');
  });
});

describe('ReopenLead', () => {
  it('reopens a disqualified lead into WORKING', () => {
    given(leadDecider, [leadCaptured, leadDisqualified]).when(reopen).then([reopened]);
  });

  it('lets a reopened lead be qualified', () => {
    given(leadDecider, [leadCaptured, leadDisqualified, reopened]).when(qualify).then([leadQualified]);
  });

  it('refuses a lead that is not disqualified', () => {
    given(leadDecider, [leadCaptured, workingStarted]).when(reopen).thenThrows('LEAD_NOT_DISQUALIFIED');
  });
});

describe('ConvertLead eligibility', () => {
  it.each([
    ['NEW', [leadCaptured]],
    ['WORKING', [leadCaptured, workingStarted]],
    ['DISQUALIFIED', [leadCaptured, leadDisqualified]],
  ] as const)('refuses a %s lead', (_status, history) => {
    given(leadDecider, [...history]).when(convertLead()).thenThrows(RuleViolation, 'LEAD_NOT_QUALIFIED');
  });
});
