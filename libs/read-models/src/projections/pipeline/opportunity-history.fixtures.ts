import fc from 'fast-check';
import {
  DEFAULT_PIPELINE,
  Money,
  OPEN_STAGES,
  assertNever,
  decideOpportunity,
  evolveOpportunity,
  initialOpportunityState,
  isDomainError,
  type OpportunityCommand,
  type OpportunityEvent,
  type OpportunityState,
  type PipelineDefinition,
} from '@crm/domain';
import { acme, globex, registered } from '../testing/domain-events.fixtures';
import { idOf, type LoggedEvent } from '../testing/event-log.fixtures';
import { PARTNERS, PIPELINES, RENEWALS, movedToPipeline, pipelineDefined } from '../testing/pipeline-events.fixtures';
import { labelIn, relabelled } from './relabelled-events.fixtures';

const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;
const metadata = { now: '2026-01-05T09:00:00.000Z', actor: 'rep-1' };

const amount = fc.record({ minor: fc.integer({ min: 0, max: 2_000_000_000 }), currency: fc.constantFrom(...CURRENCIES) });
const closeDate = fc.integer({ min: 1, max: 6 }).map((month) => `2026-0${month}-15`);
const owner = fc.constantFrom('rep-1', 'rep-2', 'rep-3');
const stage = fc.constantFrom(...OPEN_STAGES);
/** Index into PIPELINES: most opportunities in the default pipeline, the rest spread over two others. */
const pipeline = fc.constantFrom(0, 0, 1, 2);

const action = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), amount, closeDate, owner, stage, pipeline }),
  fc.record({ kind: fc.constant('stage' as const), stage }),
  fc.record({ kind: fc.constant('revise' as const), amount: fc.option(amount), closeDate: fc.option(closeDate) }),
  fc.record({ kind: fc.constant('assign' as const), owner }),
  fc.record({ kind: fc.constant('win' as const) }),
  fc.record({ kind: fc.constant('lose' as const) }),
  fc.record({ kind: fc.constant('reopen' as const), stage: fc.option(stage) }),
  fc.record({ kind: fc.constant('move' as const), stage, pipeline }),
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;
type Step = { opportunity: number; action: Action };

const decimal = ({ minor, currency }: { minor: number; currency: string }) =>
  ({ amount: Money.format(Money.ofMinor(BigInt(minor), currency)), currency });

function commandOf(opportunity: number, a: Action): OpportunityCommand {
  const opportunityId = idOf('OPPORTUNITY', opportunity + 1);
  switch (a.kind) {
    case 'open': {
      const accountId = opportunity % 2 === 0 ? acme : globex;
      const data = { opportunityId, accountId, accountExists: true, name: `Deal ${opportunity}`, ...decimal(a.amount) };
      return { type: 'OpenOpportunity', data: { ...data, expectedCloseDate: a.closeDate, ownerId: a.owner, stage: a.stage, pipeline: DEFAULT_PIPELINE }, metadata };
    }
    case 'stage':
    case 'move':
      return { type: 'ChangeOpportunityStage', data: { opportunityId, stage: a.stage, pipeline: DEFAULT_PIPELINE }, metadata };
    case 'revise': {
      const money = a.amount === null ? {} : decimal(a.amount);
      const date = a.closeDate === null ? {} : { expectedCloseDate: a.closeDate };
      return { type: 'ReviseOpportunity', data: { opportunityId, ...money, ...date }, metadata };
    }
    case 'assign':
      return { type: 'AssignOpportunity', data: { opportunityId, ownerId: a.owner }, metadata };
    case 'win':
      return { type: 'WinOpportunity', data: { opportunityId, pipeline: DEFAULT_PIPELINE }, metadata };
    case 'lose':
      return { type: 'LoseOpportunity', data: { opportunityId, reason: 'PRICE', competitor: null, pipeline: DEFAULT_PIPELINE }, metadata };
    case 'reopen':
      return { type: 'ReopenOpportunity', data: { opportunityId, stage: a.stage, pipeline: DEFAULT_PIPELINE }, metadata };
    default:
      return assertNever(a);
  }
}

type Tracked = { state: OpportunityState; pipeline: PipelineDefinition };

/**
 * What one step adds to the history: the decider's events in the opportunity's pipeline; a move to
 * another pipeline is the decider's stage change (or none) told as OpportunityMovedToPipeline.
 */
function eventsOf(step: Step, tracked: Tracked, decided: OpportunityEvent[]): { events: OpportunityEvent[]; pipeline: PipelineDefinition } {
  const { action: a, opportunity } = step;
  const target = a.kind === 'open' || a.kind === 'move' ? PIPELINES[a.pipeline] : tracked.pipeline;
  const alternateLost = opportunity % 2 === 1;
  const told = (pipeline: PipelineDefinition) => decided.map((event) => relabelled(event, pipeline, alternateLost)).filter((event) => event !== null);
  if (a.kind !== 'move' || target === tracked.pipeline) return { events: told(target), pipeline: target };
  if (tracked.state.status !== 'OPEN') return { events: [], pipeline: tracked.pipeline };
  const fromKey = tracked.state.stage;
  const toKey = decided.length === 0 ? fromKey : a.stage;
  const { opportunityId, accountId } = tracked.state;
  const fromStage = labelIn(tracked.pipeline, fromKey);
  const moved = movedToPipeline({ opportunityId, accountId, from: tracked.pipeline, to: target, fromStage, toStage: labelIn(target, toKey) });
  return { events: [moved], pipeline: target };
}

/**
 * Runs the steps through the real decider, so histories hold only what the domain can produce, in
 * the default pipeline's keys; an opportunity opened in, or moved to, another pipeline has the same
 * history told in that pipeline's keys (relabelled-events.fixtures.ts).
 */
function historyOf(steps: readonly Step[]): LoggedEvent[] {
  const tracked = new Map<number, Tracked>();
  const events: LoggedEvent[] = [registered(acme, 'Acme'), registered(globex, 'Globex'), pipelineDefined(RENEWALS), pipelineDefined(PARTNERS)];
  for (const step of steps) {
    const known = tracked.get(step.opportunity) ?? { state: initialOpportunityState(), pipeline: DEFAULT_PIPELINE };
    try {
      const decided = decideOpportunity(commandOf(step.opportunity, step.action), known.state);
      const next = eventsOf(step, known, decided);
      tracked.set(step.opportunity, { state: decided.reduce(evolveOpportunity, known.state), pipeline: next.pipeline });
      events.push(...next.events);
    } catch (error: unknown) {
      if (!isDomainError(error)) throw error;
    }
  }
  return events;
}

/** Realistic opportunity histories at two accounts, in three currencies and three pipelines, with moves between them. */
export const opportunityHistories = fc
  .array(fc.record({ opportunity: fc.integer({ min: 0, max: 4 }), action }), { maxLength: 40, size: 'max' })
  .map(historyOf);
