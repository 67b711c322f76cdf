import fc from 'fast-check';
import {
  CONTACT_ROLES,
  decideOpportunity,
  evolveOpportunity,
  initialOpportunityState,
  isDomainError,
  type OpportunityCommand,
  type OpportunityState,
} from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import { EventLog, idOf } from '../../projections/testing/event-log.fixtures';
import { actionCommand, openCommand, WORKLOAD_START, type OpeningAction, type WorkloadAction } from './workload-commands';

export { WORKLOAD_CURRENCIES, WORKLOAD_OWNERS, WORKLOAD_START } from './workload-commands';
export { PIPELINES as WORKLOAD_PIPELINES } from '../../projections/testing/pipeline-events.fixtures';

const DAY = 86_400_000;
/** Business times of a workload lie in [WORKLOAD_START - 60 days, WORKLOAD_END): a year, and backdated events before it. */
export const WORKLOAD_END = WORKLOAD_START + 365 * DAY;

export type OpportunityWorkloadOptions = {
  /** Opportunities the workload may open (default 12). */
  maxOpportunities?: number;
  /** Steps after the openings; a step the domain refuses (winning a closed deal...) writes nothing (default 120). */
  maxSteps?: number;
};

const index = fc.nat({ max: 1_000 });
/** A value once in `oneIn + 1` draws, else null. */
const rarely = <T>(value: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: oneIn, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: value });
const opening: fc.Arbitrary<OpeningAction> = fc.record({
  // Half in the default pipeline, the rest in the two others.
  pipeline: fc.constantFrom(0, 0, 0, 1, 2),
  owner: index,
  currency: index,
  minor: fc.integer({ min: 0, max: 50_000_000 }),
  closeDay: index,
  stage: index,
});

const action: fc.Arbitrary<WorkloadAction> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('stage' as const), stage: index }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('amount' as const), minor: fc.integer({ min: 0, max: 50_000_000 }), currency: rarely(index, 8) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('closeDate' as const), closeDay: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), suffix: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), owner: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('role' as const), contact: index, role: fc.constantFrom(...CONTACT_ROLES), primary: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('win' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lose' as const), stage: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), stage: fc.option(index) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pipeline: index, stage: fc.option(index) }) },
);

/** `recorded`: ms into the year; `backdated`: how long before that it says it happened (mostly null: not at all). */
type Step = { opportunity: number; action: WorkloadAction; recorded: number; backdated: number | null };

/** Decides each step with the real decider, in the order recorded; the first step of an opportunity opens it. */
function recordedEvents(openings: readonly OpeningAction[], steps: readonly Step[]): RecordedEvent[] {
  const log = new EventLog(new Date(WORKLOAD_START).toISOString());
  const states = new Map<number, OpportunityState>();
  const ordered = steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.recorded - b.step.recorded || a.i - b.i);
  for (const { step } of ordered) {
    const now = new Date(WORKLOAD_START + step.recorded - (step.backdated ?? 0)).toISOString();
    const metadata = { now, actor: 'rep-1' };
    const state = states.get(step.opportunity) ?? initialOpportunityState();
    const opportunityId = idOf('OPPORTUNITY', step.opportunity + 1);
    const command: OpportunityCommand =
      state.status === 'Unknown' ? openCommand(opportunityId, step.opportunity, openings[step.opportunity], metadata) : actionCommand(state, step.action, metadata);
    try {
      const events = decideOpportunity(command, state);
      states.set(step.opportunity, events.reduce(evolveOpportunity, state));
      for (const event of events) log.record(event, now);
    } catch (error: unknown) {
      if (!isDomainError(error)) throw error;
    }
  }
  return log.events;
}

/**
 * Random, valid opportunity workloads, as recorded events of the opportunity streams in log order
 * (positions from 1, revisions per stream): opportunities opened in the three pipelines of
 * WORKLOAD_PIPELINES (the default one, Renewals, Partners) at their open stages, by the owners of
 * WORKLOAD_OWNERS, in EUR, USD or JPY, then moved through stages, revised (amount, sometimes in
 * another currency; close date; name), reassigned, given contact roles, won, lost at any of their
 * pipeline's LOST stages, reopened and moved between pipelines. Every event is what the domain's
 * decider decides for the command, so sequences are valid. Business times (metadata.occurredAt) are
 * spread over the year from WORKLOAD_START; about one event in eleven is backdated by up to 60 days
 * (recorded later than it says it happened). Shrinks towards fewer, simpler steps.
 */
export function opportunityWorkloadArbitrary(options: OpportunityWorkloadOptions = {}): fc.Arbitrary<RecordedEvent[]> {
  const opportunities = options.maxOpportunities ?? 12;
  const step: fc.Arbitrary<Step> = fc.record({
    opportunity: fc.nat({ max: opportunities - 1 }),
    action,
    recorded: fc.integer({ min: 0, max: 365 * DAY - 1 }),
    backdated: rarely(fc.integer({ min: 1, max: 60 * DAY }), 10),
  });
  return fc
    .tuple(fc.array(opening, { minLength: opportunities, maxLength: opportunities }), fc.array(step, { maxLength: options.maxSteps ?? 120, size: 'max' }))
    .map(([openings, steps]) => recordedEvents(openings, steps));
}

/** An instant to read a workload at: anywhere in its span and a little beyond, or null (now). */
export const workloadInstantArbitrary: fc.Arbitrary<number | null> = fc.option(fc.integer({ min: WORKLOAD_START - 61 * DAY, max: WORKLOAD_END + DAY }), { freq: 6 });
