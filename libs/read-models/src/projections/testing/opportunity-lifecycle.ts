import type { JsonObject } from '@crm/event-store';
import { DEFAULT_PIPELINE_ID, OPEN_STAGES, STAGE_PROBABILITY, type LeadConverted, type OpenStage } from '@crm/domain';
import type { Emit, Rng } from './lead-lifecycle';

export const pick = <T>(random: Rng, items: readonly T[]): T => items[Math.floor(random() * items.length)];

type Conversion = LeadConverted['data'];
type Opportunity = NonNullable<Conversion['opportunity']>;

/** What the conversion process appends after LeadConverted, then the deal's life until it closes. */
export class OpportunityLifecycle {
  private stage: OpenStage | 'CLOSED_WON' | 'CLOSED_LOST' = 'PROSPECTING';
  private amount: Opportunity['amount'];
  private ownerId: string;
  private contactLeft = false;

  private constructor(private readonly random: Rng, private readonly emit: Emit, private readonly conversion: Conversion, private readonly opportunity: Opportunity) {
    this.amount = opportunity.amount;
    this.ownerId = opportunity.ownerId;
  }

  static fromConversion(random: Rng, emit: Emit, conversion: Conversion): OpportunityLifecycle | null {
    const { account, contact, opportunity } = conversion;
    const { accountId, existing, ...details } = account;
    void existing;
    emit(`account-${accountId}`, 'AccountRegistered', { accountId, ...details, parentAccountId: null, registrationNumber: null }, account.ownerId);
    const { contactId, ...contactDetails } = contact;
    emit(`contact-${contactId}`, 'ContactAdded', { contactId, ...contactDetails }, account.ownerId);
    if (opportunity === null) return null;
    const { opportunityId, stage, ...deal } = opportunity;
    emit(`opportunity-${opportunityId}`, 'OpportunityOpened', { opportunityId, ...deal, pipelineId: DEFAULT_PIPELINE_ID, stage, probability: STAGE_PROBABILITY[stage] }, deal.ownerId);
    return new OpportunityLifecycle(random, emit, conversion, opportunity);
  }

  step(): boolean {
    const r = this.random();
    if (this.stage === 'CLOSED_WON' || this.stage === 'CLOSED_LOST') return r < 0.08 ? this.reopen() : false;
    if (r < 0.1) return this.revise();
    if (r < 0.15) return this.reassign();
    if (r < 0.2) return this.touchContact();
    if (r < 0.23) return this.touchAccount();
    const next = OPEN_STAGES.indexOf(this.stage) + 1;
    if (next < OPEN_STAGES.length && r < 0.8) return this.moveTo(OPEN_STAGES[next]);
    return this.close(r < 0.9);
  }

  private deal(type: string, data: JsonObject): true {
    this.emit(`opportunity-${this.opportunity.opportunityId}`, type, { opportunityId: this.opportunity.opportunityId, accountId: this.opportunity.accountId, ...data }, this.ownerId);
    return true;
  }

  private moveTo(to: OpenStage): true {
    const from = this.stage as OpenStage;
    this.stage = to;
    return this.deal('OpportunityStageChanged', { from, to, probability: STAGE_PROBABILITY[to], previousProbability: STAGE_PROBABILITY[from] });
  }

  private revise(): true {
    this.amount = { ...this.amount, amount: `${Math.round(Number(this.amount.amount) * 1.1)}.00` };
    return this.deal('OpportunityRevised', { changes: { amount: this.amount } });
  }

  private reassign(): true {
    const previousOwnerId = this.ownerId;
    this.ownerId = previousOwnerId === 'rep-1' ? 'rep-2' : 'rep-1';
    return this.deal('OpportunityAssigned', { ownerId: this.ownerId, previousOwnerId });
  }

  private close(won: boolean): true {
    const fromStage = this.stage as OpenStage;
    this.stage = won ? 'CLOSED_WON' : 'CLOSED_LOST';
    if (won) return this.deal('OpportunityWon', { amount: this.amount, fromStage, stage: this.stage, ownerId: this.ownerId });
    return this.deal('OpportunityLost', { amount: this.amount, fromStage, stage: this.stage, ownerId: this.ownerId, reason: 'PRICE', competitor: null, notes: null });
  }

  private reopen(): true {
    const from = this.stage as 'CLOSED_WON' | 'CLOSED_LOST';
    this.stage = 'NEGOTIATION';
    return this.deal('OpportunityReopened', { from, to: 'NEGOTIATION', probability: STAGE_PROBABILITY.NEGOTIATION, amount: this.amount });
  }

  private touchContact(): true {
    const { contactId, accountId } = this.conversion.contact;
    if (this.contactLeft) return this.revise();
    this.contactLeft = this.random() < 0.3;
    const type = this.contactLeft ? 'ContactLeft' : 'ContactDetailsUpdated';
    this.emit(`contact-${contactId}`, type, this.contactLeft ? { contactId, accountId } : { contactId, accountId, changes: { jobTitle: 'COO' } }, this.ownerId);
    return true;
  }

  private touchAccount(): true {
    const { accountId } = this.conversion.account;
    this.emit(`account-${accountId}`, 'AccountDetailsUpdated', { accountId, changes: { industry: 'Logistics' } }, this.ownerId);
    return true;
  }
}
