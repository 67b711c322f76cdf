import { DEFAULT_PIPELINE, OPEN_STAGES, type ContactRole, type LossReason, type OpportunityCommand } from '@crm/domain';
import type { ContactCursor, OpportunityCursor } from './conversion-story';
import { context, later, type LeadStory } from './lead-story';
import type { SeedWorld } from './seed-world';
import { COMPETITORS, MANAGERS, REPS } from './seed-vocabulary';

type Step = Omit<OpportunityCommand, 'metadata'>;

const LOSS_REASONS: { readonly [R in LossReason]: number } = {
  PRICE: 25, NO_DECISION: 20, LOST_TO_COMPETITOR: 25, TIMING: 10, NO_BUDGET: 10, PRODUCT_FIT: 7, OTHER: 3,
};
const SIDE_ROLES: readonly ContactRole[] = ['ECONOMIC_BUYER', 'TECHNICAL_BUYER', 'INFLUENCER', 'USER'];

/**
 * The deal's way through the pipeline: ~25% won, ~35% lost, the rest still open at some stage, with
 * contact roles, a revised amount now and then, an occasional step back and, rarely, a reopened loss.
 * Every step is a real command decided against the opportunity's state; the story stops at the end of
 * the seeded period, which is why recent deals are mostly still open.
 */
export const workDeal = (world: SeedWorld, s: LeadStory, deal: OpportunityCursor, colleagues: readonly ContactCursor[]): void => {
  const r = world.random;
  if (deal.state.status !== 'OPEN') return;
  const { opportunityId, primaryContactId } = deal.state;
  let n = 0;
  // The pipeline is a fact the handler would look up: the fingerprinted input is what a caller sends.
  const step = (min: number, max: number, command: Step, actor = s.owner): boolean =>
    later(world, s, r.days(min, max), (at) =>
      deal.decide(s.story, context(world, s.index, `deal-${n++}`, actor), at, (metadata) => ({ ...command, data: { ...command.data, pipeline: DEFAULT_PIPELINE }, metadata }) as OpportunityCommand, command.data));
  const outcome = r.weighted({ WON: 31, LOST: 41, OPEN: 28 });
  const furthest = outcome === 'WON' ? (r.chance(0.8) ? 3 : 2) : r.int(0, 3);
  const accountId = deal.state.accountId;
  if (primaryContactId && !step(1, 10, role(opportunityId, primaryContactId, accountId, r.pick(['DECISION_MAKER', 'CHAMPION']), true))) return;
  for (let stage = 1; stage <= furthest; stage++) {
    if (!step(4, 30, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: OPEN_STAGES[stage] } })) return;
    if (stage === 1 && !assignSideRoles(world, step, opportunityId, accountId, colleagues)) return;
    if (stage === 2 && r.chance(0.3) && !step(1, 10, revision(world, deal))) return;
    if (stage === 3 && r.chance(0.08) && !stepBack(step, opportunityId)) return;
  }
  if (r.chance(0.05) && !step(1, 20, { type: 'AssignOpportunity', data: { opportunityId, ownerId: r.pick(REPS) } }, r.pick(MANAGERS))) return;
  if (outcome === 'WON') step(2, 25, { type: 'WinOpportunity', data: { opportunityId } });
  if (outcome === 'LOST' && step(2, 40, loss(world, opportunityId)) && r.chance(0.05)) {
    step(30, 90, { type: 'ReopenOpportunity', data: { opportunityId } });
  }
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

const stepBack = (step: StepFn, opportunityId: string): boolean =>
  step(2, 14, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: 'PROPOSAL' } }) &&
  step(5, 30, { type: 'ChangeOpportunityStage', data: { opportunityId, stage: 'NEGOTIATION' } });

const loss = (world: SeedWorld, opportunityId: string): Step => {
  const reason = world.random.weighted(LOSS_REASONS);
  const named = reason === 'LOST_TO_COMPETITOR' || (reason === 'PRICE' && world.random.chance(0.4));
  const notes = world.random.chance(0.3) ? world.random.pick(['Prijs te hoog t.o.v. offerte concurrent', 'Besluit uitgesteld door directie', 'Integratie met ERP ontbrak']) : null;
  return { type: 'LoseOpportunity', data: { opportunityId, reason, competitor: named ? world.random.pick(COMPETITORS) : null, notes } };
};
