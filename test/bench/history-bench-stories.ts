import { DEFAULT_PIPELINE, type ForecastCategory, type LossReason, type PipelineDefinition } from '@crm/domain';
import type { SeededRandom } from '../../libs/application/src/seed/seeded-random';
import { BENCH_PIPELINES, CURRENCIES } from './api-bench-data';
import { days, Deal } from './history-bench-deal';

export const OWNERS = Array.from({ length: 20 }, (_, i) => `rep-${i + 1}`);
const MANAGERS = ['manager-1', 'manager-2'];
const [SALES, RENEWALS, PARTNERS] = BENCH_PIPELINES.map((p) => p.pipelineId);
const MEDIAN_AMOUNT: Record<string, number> = { [SALES]: 25_000, [RENEWALS]: 12_000, [PARTNERS]: 40_000 };
const LOSS_REASONS: readonly LossReason[] = ['PRICE', 'NO_BUDGET', 'NO_DECISION', 'LOST_TO_COMPETITOR', 'TIMING'];

/** The bench's pipelines as the decider needs them: the default one as shipped, the others as defined. */
export const benchPipelines = (): Map<string, PipelineDefinition> =>
  new Map([
    [SALES, DEFAULT_PIPELINE],
    ...BENCH_PIPELINES.slice(1).map((p): [string, PipelineDefinition] => [p.pipelineId, { ...p, archived: false, stages: p.stages.map((s) => ({ ...s, forecastCategory: s.forecastCategory as ForecastCategory })) }]),
  ]);

export interface StoryContext {
  random: SeededRandom;
  pipelines: ReadonlyMap<string, PipelineDefinition>;
  now: number;
}

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const amountText = (value: number): string => `${Math.max(500, Math.round(value / 50) * 50)}.00`;
const openKeys = (pipeline: PipelineDefinition): string[] => pipeline.stages.filter((s) => s.kind === 'OPEN').map((s) => s.key);

/**
 * What happens to a deal between two stage changes: its close date pushed once it has passed (and now
 * and then before), its amount revised, now and then a new owner. False once the story reaches now.
 */
const sideSteps = (ctx: StoryContext, deal: Deal, owner: string): boolean => {
  const r = ctx.random;
  const state = deal.current;
  if (state.status !== 'OPEN') return true;
  const { opportunityId } = state;
  const closeDue = Date.parse(state.expectedCloseDate) < deal.at + days(7);
  if ((closeDue || r.chance(0.12)) && !deal.step(r.days(0, 5), { type: 'ReviseOpportunity', data: { opportunityId, expectedCloseDate: dateOf(Math.max(deal.at, Date.parse(state.expectedCloseDate)) + days(r.int(14, 75))) } }, owner)) return false;
  if (r.chance(0.04) && !deal.step(r.days(0, 5), { type: 'ReviseOpportunity', data: { opportunityId, expectedCloseDate: dateOf(deal.at + days(r.int(10, 30))) } }, owner)) return false;
  if (r.chance(0.22) && !deal.step(r.days(0, 8), { type: 'ReviseOpportunity', data: { opportunityId, amount: amountText(Number(state.amount.amountMinor) / 100 * r.pick([0.7, 0.85, 0.9, 1.1, 1.2, 1.5])) } }, owner)) return false;
  if (r.chance(0.04) && !deal.step(r.days(0, 10), { type: 'AssignOpportunity', data: { opportunityId, ownerId: r.pick(OWNERS) } }, r.pick(MANAGERS))) return false;
  return true;
};

/** Up the open stages to `furthest`, with the side steps in between and, rarely, one step back. */
const advance = (ctx: StoryContext, deal: Deal, opportunityId: string, owner: string, furthest: number): boolean => {
  const stages = openKeys(deal.pipeline(deal.pipelineId));
  for (let stage = 1; stage <= Math.min(furthest, stages.length - 1); stage++) {
    if (!sideSteps(ctx, deal, owner) || !deal.step(ctx.random.days(3, 25), { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stage] } }, owner)) return false;
    if (stage >= 2 && ctx.random.chance(0.06)) {
      if (!deal.step(ctx.random.days(2, 10), { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stage - 1] } }, owner)) return false;
      if (!deal.step(ctx.random.days(5, 20), { type: 'ChangeOpportunityStage', data: { opportunityId, stage: stages[stage] } }, owner)) return false;
    }
  }
  return true;
};

const close = (ctx: StoryContext, deal: Deal, opportunityId: string, owner: string, won: boolean): boolean =>
  won
    ? deal.step(ctx.random.days(2, 30), { type: 'WinOpportunity', data: { opportunityId } }, owner)
    : deal.step(ctx.random.days(2, 40), { type: 'LoseOpportunity', data: { opportunityId, reason: ctx.random.pick(LOSS_REASONS), competitor: null, notes: null } }, owner);

/** A deal still open at the end keeps having its close date pushed while nobody closes it. */
const linger = (ctx: StoryContext, deal: Deal, owner: string): void => {
  for (let pushes = 0; pushes < 4 && deal.current.status === 'OPEN'; pushes++) {
    const state = deal.current;
    const pushed = dateOf(Math.max(Date.parse(state.expectedCloseDate), deal.at) + days(ctx.random.int(20, 60)));
    if (!deal.step(ctx.random.days(15, 45), { type: 'ReviseOpportunity', data: { opportunityId: state.opportunityId, expectedCloseDate: pushed } }, owner)) return;
  }
};

/** Which pipeline a new deal goes to: half new business, the rest renewals and partner deals. */
const pipelineFor = (r: SeededRandom): string => r.pick([SALES, SALES, SALES, SALES, SALES, RENEWALS, RENEWALS, RENEWALS, PARTNERS, PARTNERS]);

/**
 * One opportunity from its opening to now: through its pipeline's stages to won (about 4 in 10 of
 * those with time to finish), lost (almost 3 in 10) or still open, with pushes, revisions, reassignments,
 * now and then a move between Sales and Partners and a reopening after it closed.
 */
export const tellDeal = (ctx: StoryContext, n: number, ids: { opportunityId: string; accountId: string }, openedAt: number): Deal => {
  const r = ctx.random;
  const deal = new Deal(ctx.pipelines, ctx.now, openedAt);
  const pipelineId = pipelineFor(r);
  const owner = r.pick(OWNERS);
  const { opportunityId, accountId } = ids;
  const opened = deal.step(0, {
    type: 'OpenOpportunity',
    data: {
      opportunityId, accountId, accountExists: true, name: `Deal ${n}`, amount: amountText(r.amount(MEDIAN_AMOUNT[pipelineId], 0.8)), currency: r.pick(CURRENCIES),
      expectedCloseDate: dateOf(openedAt + days(r.int(30, 150))), ownerId: owner, pipelineId, stage: null, primaryContactId: null,
    },
  }, owner);
  if (!opened) return deal;
  const moveTo = pipelineId === SALES && r.chance(0.03) ? PARTNERS : pipelineId === PARTNERS && r.chance(0.03) ? SALES : null;
  if (moveTo !== null && !deal.step(r.days(1, 10), { type: 'MoveOpportunityToPipeline', data: { opportunityId, pipelineId: moveTo, stage: null } }, owner, {
    pipeline: deal.pipeline(moveTo), currentPipeline: deal.pipeline(pipelineId),
  })) return deal;
  const outcome = r.weighted({ WON: 40, LOST: 29, OPEN: 31 });
  const stages = openKeys(deal.pipeline(deal.pipelineId)).length;
  const furthest = outcome === 'WON' ? stages - (r.chance(0.2) ? 2 : 1) : r.int(0, stages - 1);
  if (!advance(ctx, deal, opportunityId, owner, furthest)) return deal;
  if (outcome === 'OPEN') {
    linger(ctx, deal, owner);
    return deal;
  }
  if (!sideSteps(ctx, deal, owner) || !close(ctx, deal, opportunityId, owner, outcome === 'WON')) return deal;
  if (!r.chance(outcome === 'LOST' ? 0.08 : 0.02)) return deal;
  if (!deal.step(r.days(10, 60), { type: 'ReopenOpportunity', data: { opportunityId, stage: null } }, owner)) return deal;
  if (sideSteps(ctx, deal, owner) && r.chance(0.7)) close(ctx, deal, opportunityId, owner, r.chance(0.4));
  else linger(ctx, deal, owner);
  return deal;
};
