import { contactDecider } from '../contacts/contact.decider';
import type { ContactCommand } from '../contacts/contact.commands';
import type { ContactEvent } from '../contacts/contact.events';
import { leadDecider } from '../leads/lead.decider';
import {
  captureLead, convertLead, leadCaptured, leadCommand, leadDisqualified, leadId, leadQualified, metadata, subjectId, workingStarted,
} from '../leads/lead.fixtures';
import type { LeadEvent } from '../leads/lead.events';
import { evolveAll } from '../shared/decider';
import { given } from '../shared/testing/given-when-then';
import { personalFieldsOf } from './personal-fields';

const leadErased: LeadEvent = {
  type: 'PersonErased',
  data: { leadId, subjectId, reason: 'DATA_SUBJECT_REQUEST', erasedAt: metadata.now },
};
const eraseLead = (reason = 'DATA_SUBJECT_REQUEST') => leadCommand('EraseLead', { leadId, reason } as never);

const contactId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const accountId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const contactAdded: ContactEvent = {
  type: 'ContactAdded',
  data: {
    contactId, subjectId, accountId, firstName: 'Jane', lastName: 'de Vries', email: 'jane@acme.nl', phone: null,
    jobTitle: 'COO', relationship: 'EMPLOYEE', sourceLeadId: leadId,
  },
};
const contactErased: ContactEvent = { type: 'PersonErased', data: { contactId, subjectId, reason: 'RETENTION', erasedAt: metadata.now } };
const contactCommand = <T extends ContactCommand['type']>(type: T, data: Extract<ContactCommand, { type: T }>['data']) =>
  ({ type, data, metadata }) as Extract<ContactCommand, { type: T }>;

describe('erasing a lead', () => {
  it('records the subject and the reason, never the person', () => {
    given(leadDecider, [leadCaptured]).when(eraseLead()).then([leadErased]);
  });

  it('erases a disqualified or a converted lead as well', () => {
    given(leadDecider, [leadCaptured, leadDisqualified]).when(eraseLead()).then([leadErased]);
  });

  it('is a no-op the second time', () => {
    given(leadDecider, [leadCaptured, leadErased]).when(eraseLead()).thenNothing();
  });

  it('refuses an unknown reason as bad input', () => {
    given(leadDecider, [leadCaptured]).when(eraseLead('BECAUSE')).thenThrows('BAD_USER_INPUT');
  });

  it('refuses an unknown lead', () => {
    given(leadDecider, []).when(eraseLead()).thenThrows('NOT_FOUND');
  });

  it('refuses every later change of the erased person', () => {
    given(leadDecider, [leadCaptured, leadErased])
      .when(leadCommand('UpdateLeadDetails', { leadId, jobTitle: 'CEO' }))
      .thenThrows('PERSON_ERASED');
    given(leadDecider, [leadCaptured, workingStarted, leadQualified, leadErased]).when(convertLead()).thenThrows('PERSON_ERASED');
  });

  it('leaves the state without any personal field, the disqualification notes included', () => {
    const notes: LeadEvent = { ...leadDisqualified, data: { ...leadDisqualified.data, notes: 'Said Jane moves to Spain' } as never };
    const state = evolveAll(leadDecider, [leadCaptured, notes, leadErased]);
    expect(state).toMatchObject({
      erased: true, firstName: null, lastName: null, email: null, phone: null, jobTitle: null, seniority: null, sourceDetail: null,
      companyName: 'Acme B.V.', status: 'DISQUALIFIED', disqualification: { reason: 'NO_BUDGET', notes: null },
    });
  });

  it('keeps the subject of a captured lead in its state', () => {
    expect(evolveAll(leadDecider, [leadCaptured])).toMatchObject({ subjectId, erased: false });
    given(leadDecider, []).when(captureLead({ subjectId: 'not-a-uuid' })).thenThrows('BAD_USER_INPUT');
  });
});

describe('erasing a contact', () => {
  const erase = contactCommand('EraseContact', { contactId, reason: 'RETENTION' });

  it('records the subject and the reason', () => {
    given(contactDecider, [contactAdded]).when(erase).then([contactErased]);
  });

  it('is a no-op the second time and refuses every later change', () => {
    given(contactDecider, [contactAdded, contactErased]).when(erase).thenNothing();
    given(contactDecider, [contactAdded, contactErased]).when(contactCommand('MarkContactLeft', { contactId })).thenThrows('PERSON_ERASED');
  });

  it('leaves the state without any personal field', () => {
    expect(evolveAll(contactDecider, [contactAdded, contactErased])).toMatchObject({
      erased: true, firstName: null, lastName: null, email: null, jobTitle: null, relationship: 'EMPLOYEE', accountId,
    });
  });
});

describe('personal fields', () => {
  it('names where each event type holds personal data, and nothing for the others', () => {
    expect(personalFieldsOf('LeadCaptured')?.fields).toEqual(expect.arrayContaining(['firstName', 'email', 'phone', 'sourceDetail']));
    expect(personalFieldsOf('LeadConverted')).toMatchObject({ container: 'contact' });
    expect(personalFieldsOf('ContactDetailsUpdated')).toMatchObject({ container: 'changes' });
    expect(personalFieldsOf('LeadDisqualified')?.fields).toEqual(['notes']);
    expect(personalFieldsOf('OpportunityOpened')).toBeUndefined();
    expect(personalFieldsOf('PersonErased')).toBeUndefined();
    expect(personalFieldsOf('toString')).toBeUndefined();
  });
});

describe('lifting a suppression', () => {
  it('is recorded on the erased person’s stream with its reason', () => {
    given(leadDecider, [leadCaptured, leadErased])
      .when(leadCommand('RecordSuppressionLifted', { leadId, kind: 'EMAIL', reason: ' Consent given again ' }))
      .then([{ type: 'SuppressionLifted', data: { leadId, subjectId, kind: 'EMAIL', reason: 'Consent given again' } }]);
    given(contactDecider, [contactAdded, contactErased])
      .when(contactCommand('RecordSuppressionLifted', { contactId, kind: 'PHONE', reason: 'wrong person' }))
      .then([{ type: 'SuppressionLifted', data: { contactId, subjectId, kind: 'PHONE', reason: 'wrong person' } }]);
  });

  it('needs a reason and a known kind', () => {
    given(leadDecider, [leadCaptured, leadErased])
      .when(leadCommand('RecordSuppressionLifted', { leadId, kind: 'EMAIL', reason: '  ' }))
      .thenThrows('BAD_USER_INPUT');
    given(leadDecider, [leadCaptured, leadErased])
      .when(leadCommand('RecordSuppressionLifted', { leadId, kind: 'FAX' as never, reason: 'x' }))
      .thenThrows('BAD_USER_INPUT');
  });
});
