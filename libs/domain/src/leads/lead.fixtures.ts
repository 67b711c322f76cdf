import type { CommandMetadata } from '../shared/decider';
import type { CaptureLead, ConvertLead, LeadCommand } from './lead.commands';
import type { LeadCaptured, LeadEvent } from './lead.events';

export const leadId = '2f1d7c1e-5b8a-4c3e-9f7a-0a1b2c3d4e5f';
export const accountId = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
export const contactId = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const opportunityId = '9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a';
export const subjectId = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
export const metadata: CommandMetadata = { now: '2025-05-14T09:30:00.000Z', actor: 'rep-1' };

export const leadCommand = <T extends LeadCommand['type']>(
  type: T,
  data: Extract<LeadCommand, { type: T }>['data'],
): Extract<LeadCommand, { type: T }> => ({ type, data, metadata }) as Extract<LeadCommand, { type: T }>;

export const captureLead = (overrides: Partial<CaptureLead['data']> = {}): CaptureLead =>
  leadCommand('CaptureLead', {
    leadId,
    subjectId,
    firstName: ' Jane ',
    lastName: 'de  Vries',
    email: 'Jane.deVries@Acme.NL',
    phone: '020 123 4567',
    jobTitle: 'Head of Operations',
    seniority: 'DIRECTOR',
    companyName: 'Acme B.V.',
    companyDomain: 'https://www.acme.nl/about',
    source: 'WEB_FORM',
    sourceDetail: 'pricing page',
    ownerId: 'rep-2',
    ...overrides,
  });

export const leadCaptured: LeadCaptured = {
  type: 'LeadCaptured',
  data: {
    leadId,
    subjectId,
    firstName: 'Jane',
    lastName: 'de Vries',
    email: 'Jane.deVries@acme.nl',
    phone: '+31201234567',
    jobTitle: 'Head of Operations',
    seniority: 'DIRECTOR',
    companyName: 'Acme B.V.',
    companyDomain: 'acme.nl',
    source: 'WEB_FORM',
    sourceDetail: 'pricing page',
    ownerId: 'rep-2',
  },
};

export const workingStarted: LeadEvent = { type: 'LeadWorkingStarted', data: { leadId, from: 'NEW' } };
export const leadQualified: LeadEvent = { type: 'LeadQualified', data: { leadId, from: 'WORKING' } };
export const leadDisqualified: LeadEvent = {
  type: 'LeadDisqualified',
  data: { leadId, reason: 'NO_BUDGET', notes: null, from: 'WORKING' },
};

export const convertLead = (overrides: Partial<ConvertLead['data']> = {}): ConvertLead =>
  leadCommand('ConvertLead', {
    leadId,
    accountId,
    contactId,
    existingAccount: false,
    accountExists: false,
    ...overrides,
  });
