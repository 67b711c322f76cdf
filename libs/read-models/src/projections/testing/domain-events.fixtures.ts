import {
  DEFAULT_PIPELINE_ID,
  stageProbability,
  type AccountEvent,
  type ContactEvent,
  type MoneyJson,
  type OpportunityEvent,
  type OpportunityOpened,
} from '@crm/domain';
import { idOf } from './event-log.fixtures';

export const acme = idOf('ACCOUNT', 1);
export const globex = idOf('ACCOUNT', 2);
export const deal = idOf('OPPORTUNITY', 1);
export const otherDeal = idOf('OPPORTUNITY', 2);
export const jane = idOf('CONTACT', 1);
export const piet = idOf('CONTACT', 2);

export const eur = (amount: string): MoneyJson => ({ amount, currency: 'EUR' });

export const registered = (accountId: string, name: string, domain: string | null = null): AccountEvent => ({
  type: 'AccountRegistered',
  data: { accountId, name, kind: 'COMPANY', domain, industry: null, parentAccountId: null, registrationNumber: null, ownerId: 'rep-1' },
});

export const renamed = (accountId: string, name: string): AccountEvent => ({
  type: 'AccountDetailsUpdated',
  data: { accountId, changes: { name } },
});

type OpenedData = OpportunityOpened['data'];

export const opened = (overrides: Partial<OpenedData> = {}): OpportunityEvent => {
  const stage = overrides.stage ?? 'PROSPECTING';
  const data: OpenedData = {
    opportunityId: deal,
    accountId: acme,
    name: 'Fleet renewal',
    amount: eur('12500.00'),
    expectedCloseDate: '2026-03-31',
    ownerId: 'rep-1',
    pipelineId: DEFAULT_PIPELINE_ID,
    stage,
    probability: stageProbability(stage),
    primaryContactId: null,
    ...overrides,
  };
  return { type: 'OpportunityOpened', data };
};

type Ref = { opportunityId?: string; accountId?: string };
const ref = (r: Ref = {}) => ({ opportunityId: r.opportunityId ?? deal, accountId: r.accountId ?? acme });

export const stageChanged = (from: string, to: string, r?: Ref): OpportunityEvent => ({
  type: 'OpportunityStageChanged',
  data: { ...ref(r), from, to, probability: stageProbability(to), previousProbability: stageProbability(from) },
});

export const revised = (changes: { name?: string; amount?: MoneyJson; expectedCloseDate?: string }, r?: Ref): OpportunityEvent => ({
  type: 'OpportunityRevised',
  data: { ...ref(r), changes },
});

export const assigned = (ownerId: string, previousOwnerId: string, r?: Ref): OpportunityEvent => ({
  type: 'OpportunityAssigned',
  data: { ...ref(r), ownerId, previousOwnerId },
});

/** `stage`: the pipeline's WON stage (the default pipeline's unless given). */
export const won = (amount: MoneyJson, fromStage: string, ownerId = 'rep-1', r?: Ref, stage = 'CLOSED_WON'): OpportunityEvent => ({
  type: 'OpportunityWon',
  data: { ...ref(r), amount, fromStage, stage, ownerId },
});

/** `stage`: a LOST stage of the pipeline (the default pipeline's unless given). */
export const lost = (amount: MoneyJson, fromStage: string, ownerId = 'rep-1', r?: Ref, stage = 'CLOSED_LOST'): OpportunityEvent => ({
  type: 'OpportunityLost',
  data: { ...ref(r), amount, fromStage, stage, ownerId, reason: 'LOST_TO_COMPETITOR', competitor: 'Initech', notes: null },
});

export const reopened = (from: string, to: string, amount: MoneyJson, r?: Ref): OpportunityEvent => ({
  type: 'OpportunityReopened',
  data: { ...ref(r), from, to, probability: stageProbability(to), amount },
});

export const contactAdded = (contactId: string, accountId: string): ContactEvent => ({
  type: 'ContactAdded',
  data: {
    contactId,
    subjectId: contactId,
    accountId,
    firstName: 'Jane',
    lastName: 'Doe',
    email: null,
    phone: null,
    jobTitle: null,
    relationship: 'EMPLOYEE',
    sourceLeadId: null,
  },
});

export const contactMoved = (contactId: string, fromAccountId: string, toAccountId: string, reactivated = false): ContactEvent => ({
  type: 'ContactMoved',
  data: { contactId, fromAccountId, toAccountId, jobTitle: null, relationship: 'EMPLOYEE', reactivated },
});

export const contactLeft = (contactId: string, accountId: string): ContactEvent => ({
  type: 'ContactLeft',
  data: { contactId, accountId },
});
