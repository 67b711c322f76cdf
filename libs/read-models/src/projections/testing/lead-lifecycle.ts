import type { JsonObject } from '@crm/event-store';
import type { LeadCaptured, LeadConverted, LeadSource, Seniority } from '@crm/domain';
import { OpportunityLifecycle, pick } from './opportunity-lifecycle';
import type { WorkloadPipelines } from './workload-pipelines';
import type { NewWorkloadId } from './workload-ids';

export type Rng = () => number;
export type Emit = (streamName: string, type: string, data: JsonObject, actor: string) => void;

const FIRST = ['Anne', 'Jan', 'Sanne', 'Pieter', 'Fatima', 'Mohamed', 'Lotte', 'Daan', 'Emma', 'Noah', 'Julia', 'Sem', 'Zoë', 'Björn'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks'];
const COMPANY = ['Bakkerij', 'Logistiek', 'Techniek', 'Zorggroep', 'Bouw', 'Energie', 'Software', 'Advies', 'Transport', 'Media'];
const CITY = ['Jansen', 'Utrecht', 'Delta', 'Noord', 'Rijn', 'Polder', 'Haven', 'Duin', 'Veluwe', 'Maas'];
const SOURCES: LeadSource[] = ['WEB_FORM', 'EVENT', 'LINKEDIN', 'REFERRAL', 'IMPORT', 'OUTBOUND', 'OTHER'];
const SENIORITY: Seniority[] = ['C_LEVEL', 'VP', 'DIRECTOR', 'MANAGER', 'INDIVIDUAL_CONTRIBUTOR'];
export const REPS = Array.from({ length: 12 }, (_, i) => `rep-${i + 1}`);

type Phase = 'NEW' | 'WORKING' | 'QUALIFIED' | 'DISQUALIFIED' | 'CONVERTED' | 'DONE';

/** One lead from capture to conversion; after conversion it drives the opportunity it created. */
export class LeadLifecycle {
  private phase: Phase = 'NEW';
  private readonly leadId: string;
  private readonly subjectId: string;
  private readonly stream: string;
  private readonly captured: LeadCaptured['data'];
  private opportunity: OpportunityLifecycle | null = null;

  constructor(
    private readonly random: Rng,
    private readonly emit: Emit,
    private readonly pipelines: WorkloadPipelines,
    private readonly newId: NewWorkloadId,
  ) {
    this.leadId = newId();
    this.subjectId = newId();
    this.stream = `lead-${this.leadId}`;
    const company = `${pick(random, COMPANY)} ${pick(random, CITY)} B.V.`;
    const first = pick(random, FIRST);
    const domain = `${company.split(' ')[0].toLowerCase()}${Math.floor(random() * 1000)}.nl`;
    this.captured = {
      leadId: this.leadId, subjectId: this.subjectId, firstName: first, lastName: pick(random, LAST), email: `${first.toLowerCase()}@${domain}`,
      phone: `+316${String(Math.floor(random() * 1e8)).padStart(8, '0')}`, jobTitle: 'Head of Operations',
      seniority: pick(random, SENIORITY), companyName: company, companyDomain: domain, source: pick(random, SOURCES),
      sourceDetail: random() < 0.5 ? 'pricing page' : null, ownerId: random() < 0.8 ? pick(random, REPS) : null,
    };
    emit(this.stream, 'LeadCaptured', this.captured, 'web');
  }

  /** Emits the next fact(s); false when the lifecycle is over. */
  step(): boolean {
    const r = this.random();
    switch (this.phase) {
      case 'NEW':
        return this.stepNew(r);
      case 'WORKING':
        this.lead(r < 0.65 ? 'LeadQualified' : 'LeadDisqualified', r < 0.65 ? { from: 'WORKING' } : { reason: 'NO_BUDGET', notes: null, from: 'WORKING' });
        this.phase = r < 0.65 ? 'QUALIFIED' : 'DISQUALIFIED';
        return true;
      case 'DISQUALIFIED':
        if (r >= 0.15) return false;
        this.lead('LeadReopened', { from: 'DISQUALIFIED', to: 'WORKING', previousReason: 'NO_BUDGET' });
        this.phase = 'WORKING';
        return true;
      case 'QUALIFIED':
        if (r >= 0.75) return false;
        this.convert();
        return true;
      case 'CONVERTED':
        return this.opportunity?.step() ?? false;
      default:
        return false;
    }
  }

  private stepNew(r: number): boolean {
    if (r < 0.1) this.lead('LeadDetailsUpdated', { changes: { jobTitle: 'Operations Director', seniority: 'DIRECTOR' } });
    else if (r < 0.2) this.lead('LeadAssigned', { ownerId: pick(this.random, REPS), previousOwnerId: this.captured.ownerId });
    else {
      this.lead('LeadWorkingStarted', { from: 'NEW' });
      this.phase = 'WORKING';
    }
    return true;
  }

  private lead(type: string, data: JsonObject): void {
    this.emit(this.stream, type, { leadId: this.leadId, ...data }, this.captured.ownerId ?? 'rep-1');
  }

  private convert(): void {
    const c = this.captured;
    const ownerId = c.ownerId ?? pick(this.random, REPS);
    const accountId = this.newId();
    const contactId = this.newId();
    const amount = { amount: `${(5 + Math.floor(this.random() * 200)) * 500}.00`, currency: this.random() < 0.8 ? 'EUR' : 'USD' };
    const close = new Date(Date.UTC(2025, Math.floor(this.random() * 18), 1 + Math.floor(this.random() * 28))).toISOString().slice(0, 10);
    const data: LeadConverted['data'] = {
      leadId: this.leadId, from: 'QUALIFIED', source: c.source,
      account: { accountId, existing: false, name: c.companyName, kind: 'COMPANY', domain: c.companyDomain, industry: 'Food', ownerId },
      contact: {
        contactId, accountId, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone,
        jobTitle: c.jobTitle, relationship: 'EMPLOYEE', sourceLeadId: this.leadId, subjectId: this.subjectId,
      },
      opportunity: {
        opportunityId: this.newId(), accountId, name: `${c.companyName} 2026`, amount, expectedCloseDate: close, ownerId,
        stage: 'PROSPECTING', primaryContactId: contactId,
      },
    };
    this.emit(this.stream, 'LeadConverted', data, ownerId);
    this.opportunity = OpportunityLifecycle.fromConversion(this.random, this.emit, this.pipelines, data);
    this.phase = 'CONVERTED';
  }
}
