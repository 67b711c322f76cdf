import fc from 'fast-check';
import {
  DEFAULT_PIPELINE as pipeline,
  Money,
  OPEN_STAGES,
  assertNever,
  decideOpportunity,
  evolveOpportunity,
  initialOpportunityState,
  isDomainError,
  type DomainEvent,
  type OpportunityCommand,
  type OpportunityState,
} from '@crm/domain';
import { acme, globex, registered } from '../testing/domain-events.fixtures';
import { idOf } from '../testing/event-log.fixtures';

const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;
const metadata = { now: '2026-01-05T09:00:00.000Z', actor: 'rep-1' };

const amount = fc.record({ minor: fc.integer({ min: 0, max: 2_000_000_000 }), currency: fc.constantFrom(...CURRENCIES) });
const closeDate = fc.integer({ min: 1, max: 6 }).map((month) => `2026-0${month}-15`);
const owner = fc.constantFrom('rep-1', 'rep-2', 'rep-3');
const stage = fc.constantFrom(...OPEN_STAGES);

const action = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), amount, closeDate, owner, stage }),
  fc.record({ kind: fc.constant('stage' as const), stage }),
  fc.record({ kind: fc.constant('revise' as const), amount: fc.option(amount), closeDate: fc.option(closeDate) }),
  fc.record({ kind: fc.constant('assign' as const), owner }),
  fc.record({ kind: fc.constant('win' as const) }),
  fc.record({ kind: fc.constant('lose' as const) }),
  fc.record({ kind: fc.constant('reopen' as const), stage: fc.option(stage) }),
);

type Step = { opportunity: number; action: typeof action extends fc.Arbitrary<infer A> ? A : never };

const decimal = ({ minor, currency }: { minor: number; currency: string }) =>
  ({ amount: Money.format(Money.ofMinor(BigInt(minor), currency)), currency });

function commandOf({ opportunity, action: a }: Step): OpportunityCommand {
  const opportunityId = idOf('OPPORTUNITY', opportunity + 1);
  switch (a.kind) {
    case 'open': {
      const accountId = opportunity % 2 === 0 ? acme : globex;
      const data = { opportunityId, accountId, accountExists: true, name: `Deal ${opportunity}`, ...decimal(a.amount) };
      return { type: 'OpenOpportunity', data: { ...data, expectedCloseDate: a.closeDate, ownerId: a.owner, stage: a.stage, pipeline }, metadata };
    }
    case 'stage':
      return { type: 'ChangeOpportunityStage', data: { opportunityId, stage: a.stage, pipeline }, metadata };
    case 'revise': {
      const money = a.amount === null ? {} : decimal(a.amount);
      const date = a.closeDate === null ? {} : { expectedCloseDate: a.closeDate };
      return { type: 'ReviseOpportunity', data: { opportunityId, ...money, ...date }, metadata };
    }
    case 'assign':
      return { type: 'AssignOpportunity', data: { opportunityId, ownerId: a.owner }, metadata };
    case 'win':
      return { type: 'WinOpportunity', data: { opportunityId, pipeline }, metadata };
    case 'lose':
      return { type: 'LoseOpportunity', data: { opportunityId, reason: 'PRICE', competitor: null, pipeline }, metadata };
    case 'reopen':
      return { type: 'ReopenOpportunity', data: { opportunityId, stage: a.stage, pipeline }, metadata };
    default:
      return assertNever(a);
  }
}

/** Runs the steps through the real decider, so histories hold only events the domain can produce. */
function historyOf(steps: readonly Step[]): DomainEvent[] {
  const states = new Map<number, OpportunityState>();
  const events: DomainEvent[] = [registered(acme, 'Acme'), registered(globex, 'Globex')];
  for (const step of steps) {
    const state = states.get(step.opportunity) ?? initialOpportunityState();
    try {
      const decided = decideOpportunity(commandOf(step), state);
      states.set(step.opportunity, decided.reduce(evolveOpportunity, state));
      events.push(...decided);
    } catch (error: unknown) {
      if (!isDomainError(error)) throw error;
    }
  }
  return events;
}

/** Realistic opportunity histories at two accounts, in three currencies. */
export const opportunityHistories = fc
  .array(fc.record({ opportunity: fc.integer({ min: 0, max: 4 }), action }), { maxLength: 40 })
  .map(historyOf);
