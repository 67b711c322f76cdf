import type { LeadEvent, LeadSource } from '@crm/domain';
import { idOf } from '../testing/event-log.fixtures';

export const lead = (n: number): string => idOf('LEAD', n);

export const captured = (leadId: string, source: LeadSource = 'WEB_FORM'): LeadEvent => ({
  type: 'LeadCaptured',
  data: {
    leadId,
    subjectId: idOf('LEAD', 900),
    source,
    ownerId: null,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: null,
    jobTitle: null,
    seniority: null,
    companyName: 'Analytical Engines',
    companyDomain: null,
    sourceDetail: null,
  },
});

export const workingStarted = (leadId: string): LeadEvent => ({ type: 'LeadWorkingStarted', data: { leadId, from: 'NEW' } });

export const qualified = (leadId: string, from: 'NEW' | 'WORKING' = 'WORKING'): LeadEvent => ({
  type: 'LeadQualified',
  data: { leadId, from },
});

export const disqualified = (leadId: string, from: 'NEW' | 'WORKING' | 'QUALIFIED' = 'WORKING'): LeadEvent => ({
  type: 'LeadDisqualified',
  data: { leadId, reason: 'NO_BUDGET', notes: null, from },
});

export const reopened = (leadId: string): LeadEvent => ({
  type: 'LeadReopened',
  data: { leadId, from: 'DISQUALIFIED', to: 'WORKING', previousReason: 'NO_BUDGET' },
});

export const assigned = (leadId: string): LeadEvent => ({ type: 'LeadAssigned', data: { leadId, ownerId: 'rep-2', previousOwnerId: null } });

export const converted = (leadId: string, source: LeadSource = 'WEB_FORM'): LeadEvent => {
  const accountId = idOf('ACCOUNT', 9);
  const contactId = idOf('CONTACT', 9);
  return {
    type: 'LeadConverted',
    data: {
      leadId,
      from: 'QUALIFIED',
      source,
      account: { accountId, existing: false, name: 'Analytical Engines', kind: 'COMPANY', domain: null, industry: null, ownerId: 'rep-1' },
      contact: {
        contactId,
        subjectId: idOf('LEAD', 900),
        accountId,
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        phone: null,
        jobTitle: null,
        relationship: 'EMPLOYEE',
        sourceLeadId: leadId,
      },
      opportunity: null,
    },
  };
};
