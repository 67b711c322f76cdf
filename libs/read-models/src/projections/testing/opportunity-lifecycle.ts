import type { JsonObject } from '@crm/event-store';
import { DEFAULT_PIPELINE, stageOf, stagesOfKind, type LeadConverted, type PipelineDefinition } from '@crm/domain';
import type { Emit, Rng } from './lead-lifecycle';
import type { WorkloadPipelines } from './workload-pipelines';

export const pick = <T>(random: Rng, items: readonly T[]): T => items[Math.floor(random() * items.length)];

type Conversion = LeadConverted['data'];
type Opportunity = NonNullable<Conversion['opportunity']>;

const keysOf = (pipeline: PipelineDefinition, kind: 'OPEN' | 'WON' | 'LOST'): string[] => stagesOfKind(pipeline, kind).map((stage) => stage.key);

/**
 * What the conversion process appends after LeadConverted, then the deal's life until it closes: it
 * opens in the default pipeline, and some deals are moved to another pipeline while open, where they
 * go on through that pipeline's stages.
 */
export class OpportunityLifecycle {
  private pipelineId = DEFAULT_PIPELINE.pipelineId;
  private stage = 'PROSPECTING';
  private closed = false;
  private amount: Opportunity['amount'];
  private ownerId: string;
  private contactLeft = false;

  private constructor(
    private readonly random: Rng,
    private readonly emit: Emit,
    private readonly pipelines: WorkloadPipelines,
    private readonly conversion: Conversion,
    private readonly opportunity: Opportunity,
  ) {
    this.amount = opportunity.amount;
    this.ownerId = opportunity.ownerId;
  }

  static fromConversion(random: Rng, emit: Emit, pipelines: WorkloadPipelines, conversion: Conversion): OpportunityLifecycle | null {
    const { account, contact, opportunity } = conversion;
    const { accountId, existing, ...details } = account;
    void existing;
    emit(`account-${accountId}`, 'AccountRegistered', { accountId, ...details, parentAccountId: null, registrationNumber: null }, account.ownerId);
    const { contactId, ...contactDetails } = contact;
    emit(`contact-${contactId}`, 'ContactAdded', { contactId, ...contactDetails }, account.ownerId);
    if (opportunity === null) return null;
    const { opportunityId, stage, ...deal } = opportunity;
    const probability = stageOf(DEFAULT_PIPELINE, stage)?.probability ?? 0;
    emit(`opportunity-${opportunityId}`, 'OpportunityOpened', { opportunityId, ...deal, pipelineId: DEFAULT_PIPELINE.pipelineId, stage, probability }, deal.ownerId);
    return new OpportunityLifecycle(random, emit, pipelines, conversion, opportunity);
  }

  step(): boolean {
    const r = this.random();
    if (this.closed) return r < 0.08 ? this.reopen() : false;
    if (r < 0.1) return this.revise();
    if (r < 0.15) return this.reassign();
    if (r < 0.2) return this.touchContact();
    if (r < 0.23) return this.touchAccount();
    if (r < 0.29 && this.pipelineId === DEFAULT_PIPELINE.pipelineId) return this.moveToPipeline(this.pipelines.moveTarget());
    const open = keysOf(this.pipeline(), 'OPEN');
    const next = open.indexOf(this.stage) + 1;
    if (next > 0 && next < open.length && r < 0.8) return this.moveTo(open[next]);
    return this.close(r < 0.9);
  }

  private pipeline(): PipelineDefinition {
    return this.pipelines.definition(this.pipelineId);
  }

  private probabilityOf(key: string, pipeline = this.pipeline()): number {
    return stageOf(pipeline, key)?.probability ?? 0;
  }

  private deal(type: string, data: JsonObject): true {
    this.emit(`opportunity-${this.opportunity.opportunityId}`, type, { opportunityId: this.opportunity.opportunityId, accountId: this.opportunity.accountId, ...data }, this.ownerId);
    return true;
  }

  private moveTo(to: string): true {
    const from = this.stage;
    this.stage = to;
    return this.deal('OpportunityStageChanged', { from, to, probability: this.probabilityOf(to), previousProbability: this.probabilityOf(from) });
  }

  /** Into the target's open stage at the same place in the order, or its last one. */
  private moveToPipeline(target: PipelineDefinition): true {
    const [from, fromPipeline] = [this.stage, this.pipeline()];
    const open = keysOf(target, 'OPEN');
    const to = open[Math.min(keysOf(fromPipeline, 'OPEN').indexOf(from), open.length - 1)];
    [this.pipelineId, this.stage] = [target.pipelineId, to];
    const probabilities = { probability: this.probabilityOf(to, target), previousProbability: this.probabilityOf(from, fromPipeline) };
    return this.deal('OpportunityMovedToPipeline', { fromPipelineId: fromPipeline.pipelineId, toPipelineId: target.pipelineId, from, to, ...probabilities });
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
    const fromStage = this.stage;
    this.stage = won ? keysOf(this.pipeline(), 'WON')[0] : pick(this.random, keysOf(this.pipeline(), 'LOST'));
    this.closed = true;
    if (won) return this.deal('OpportunityWon', { amount: this.amount, fromStage, stage: this.stage, ownerId: this.ownerId });
    return this.deal('OpportunityLost', { amount: this.amount, fromStage, stage: this.stage, ownerId: this.ownerId, reason: 'PRICE', competitor: null, notes: null });
  }

  /** Back to the pipeline's last open stage. */
  private reopen(): true {
    const from = this.stage;
    const open = keysOf(this.pipeline(), 'OPEN');
    this.stage = open[open.length - 1];
    this.closed = false;
    return this.deal('OpportunityReopened', { from, to: this.stage, probability: this.probabilityOf(this.stage), amount: this.amount });
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
