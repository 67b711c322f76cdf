import { DEFAULT_PIPELINE, type ContactRole, type LossReason, type OpportunityCommand } from '@crm/domain';
import type { ContactCursor, OpportunityCursor } from './conversion-story';
import { context, later, type LeadStory } from './lead-story';
import type { SeedWorld } from './seed-world';
import { COMPETITORS, MANAGERS, REPS } from './seed-vocabulary';
import { openStageKeys, PARTNERS, seedPipeline } from './seed-pipelines';

/** A command as a caller sends it: the handler adds the pipeline, a fact it looks up. */
type Step = { type: OpportunityCommand['type']; data: Record<string, unknown> };

const LOSS_REASONS: { readonly [R in LossReason]: number } = {
  PRICE: 25, NO_DECISION: 20, LOST_TO_COMPETITOR: 25, TIMING: 10, NO_BUDGET: 10, PRODUCT_FIT: 7, OTHER: 3,
};
const SIDE_ROLES: readonly ContactRole[] = ['ECONOMIC_BUYER', 'TECHNICAL_BUYER', 'INFLUENCER', 'USER'];
/** Deals that come in through a reseller: the rep moves them to the Partners pipeline soon after the conversion. */
const THROUGH_PARTNERS = 0.2;

/** The pipeline the deal is in now, as its handler would pass it. */
const pipelineOf = (deal: OpportunityCursor) => seedPipeline(deal.state.status === 'Unknown' ? DEFAULT_PIPELINE.pipelineId : deal.state.pipelineId);

/**
 * The deal's way through its pipeline: ~25% won, ~35% lost, the rest still open at some stage, with
 * contact roles, a revised amount now and then, an occasional step back and, rarely, a reopened loss.
 * Every step is a real command decided against the opportunity's state; the story stops at the end of
 * the seeded period, which is why recent deals are mostly still open.
 */
export const workDeal = (world: SeedWorld, s: LeadStory, deal: OpportunityCursor, colleagues: readonly ContactCursor[]): void => {
  const r = world.random;
  if (deal.state.status !== 'OPEN') return;
  const { opportunityId, primaryContactId } = deal.state;
  let n = 0;
  // The fingerprinted input is what a caller sends, without the pipeline the handler looks up.
  const step = (min: number, max: number, command: Step, actor = s.owner): boolean =>
    later(world, s, r.days(min, max), (at) =>
      deal.decide(s.story, context(world, s.index, `deal-${n++}`, actor, at), at, (metadata) =>
        ({ ...command, data: { ...command.data, pipeline: pipelineOf(deal) }, metadata }) as OpportunityCommand, command.data));
  const outcome = r.weighted({ WON: 31, LOST: 41, OPEN: 28 });
  const furthest = outcome === 'WON' ? (r.chance(0.8) ? 3 : 2) : r.int(0, 3);
  const accountId = deal.state.accountId;
  const stages = openStageKeys(pipelineOf(deal));
  if (primaryContactId && !step(1, 10, role(opportunityId, primaryContactId, accountId, r.pick(['DECISION_MAKER', 'CHAMPION']), true))) return;
  for (let stage = 1; stage <= Math.min(furthest, stages.length - 1); stage++) {
    if (!step(4, 30, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stage] } })) return;
    if (stage === 1 && !assignSideRoles(world, step, opportunityId, accountId, colleagues)) return;
    if (stage === 2 && r.chance(0.3) && !step(1, 10, revision(world, deal))) return;
    if (stage === 3 && r.chance(0.08) && !stepBack(step, opportunityId, stages)) return;
  }
  if (r.chance(0.05) && !step(1, 20, { type: 'AssignOpportunity', data: { opportunityId, ownerId: r.pick(REPS) } }, r.pick(MANAGERS))) return;
  if (outcome === 'WON') step(2, 25, { type: 'WinOpportunity', data: { opportunityId } });
  if (outcome === 'LOST' && step(2, 40, loss(world, deal)) && r.chance(0.05)) {
    step(30, 90, { type: 'ReopenOpportunity', data: { opportunityId } });
  }
};

/** About one deal in five comes in through a reseller: moved to the Partners pipeline within days of the conversion. */
export const maybeThroughPartners = (world: SeedWorld, s: LeadStory, deal: OpportunityCursor): void => {
  if (deal.state.status !== 'OPEN' || !world.random.chance(THROUGH_PARTNERS)) return;
  const input = { opportunityId: deal.state.opportunityId, pipelineId: PARTNERS.pipelineId };
  later(world, s, world.random.hours(2, 96), (at) =>
    deal.decide(s.story, context(world, s.index, 'deal-partners', s.owner, at), at, (metadata) => ({
      type: 'MoveOpportunityToPipeline', data: { ...input, pipeline: PARTNERS, currentPipeline: pipelineOf(deal) }, metadata,
    }), input));
};

const role = (opportunityId: string, contactId: string, contactAccountId: string, r: ContactRole, primary: boolean): Step => ({
  type: 'AssignContactRole', data: { opportunityId, contactId, role: r, primary, contactAccountId },
});

type StepFn = (min: number, max: number, command: Step) => boolean;

const assignSideRoles = (world: SeedWorld, step: StepFn, opportunityId: string, accountId: string, colleagues: readonly ContactCursor[]): boolean => {
  for (const colleague of colleagues) {
    if (colleague.state.status !== 'ACTIVE' || !world.random.chance(0.7)) continue;
    const primary = world.random.chance(0.1);
    if (!step(0.5, 7, role(opportunityId, colleague.state.contactId, accountId, world.random.pick(SIDE_ROLES), primary))) return false;
  }
  return true;
};

const revision = (world: SeedWorld, deal: OpportunityCursor): Step => {
  if (deal.state.status === 'Unknown') throw new Error('revising an unknown deal');
  const { opportunityId, amount } = deal.state;
  const factor = world.random.pick([0.8, 0.9, 1.1, 1.25, 1.5]);
  const revised = Math.max(1000, Math.round((Number(amount.amountMinor) / 100) * factor / 50) * 50);
  return { type: 'ReviseOpportunity', data: { opportunityId, amount: `${revised}.00` } };
};

/** Back one stage from the last open one, and on again. */
const stepBack = (step: StepFn, opportunityId: string, stages: readonly string[]): boolean =>
  step(2, 14, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stages.length - 2] } }) &&
  step(5, 30, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stages.length - 1] } });

/** A partner's deal registration is sometimes rejected outright: its own LOST stage. */
const loss = (world: SeedWorld, deal: OpportunityCursor): Step => {
  if (deal.state.status !== 'OPEN') throw new Error('losing a deal that is not open');
  const { opportunityId, pipelineId, stage: at } = deal.state;
  const reason = world.random.weighted(LOSS_REASONS);
  const named = reason === 'LOST_TO_COMPETITOR' || (reason === 'PRICE' && world.random.chance(0.4));
  const notes = world.random.chance(0.3) ? world.random.pick(['Prijs te hoog t.o.v. offerte concurrent', 'Besluit uitgesteld door directie', 'Integratie met ERP ontbrak']) : null;
  const rejected = pipelineId === PARTNERS.pipelineId && at === 'REGISTERED' && world.random.chance(0.5);
  const competitor = named ? world.random.pick(COMPETITORS) : null;
  return { type: 'LoseOpportunity', data: { opportunityId, reason, competitor, notes, ...(rejected ? { stage: 'REGISTRATION_REJECTED' } : {}) } };
};
