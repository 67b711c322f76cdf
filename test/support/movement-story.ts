import type { RunningServer } from './running-server';
import { OPEN, REGISTER, runner } from './graph-fixtures';

export const MOVEMENT_BUCKETS = ['start', 'created', 'pulledIn', 'increased', 'decreased', 'pushedOut', 'won', 'lost', 'end'] as const;

const STAGES = [
  { key: 'TALKING', name: 'Talking', probability: 20, kind: 'OPEN', forecastCategory: 'PIPELINE' },
  { key: 'OFFERED', name: 'Offered', probability: 60, kind: 'OPEN', forecastCategory: 'BEST_CASE' },
  { key: 'SIGNED', name: 'Signed', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
  { key: 'DROPPED', name: 'Dropped', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
];

const DEFINE = 'mutation ($input: DefinePipelineInput!) { definePipeline(input: $input) { pipeline { id } } }';
const REVISE = 'mutation ($input: ReviseOpportunityInput!) { reviseOpportunity(input: $input) { revision } }';
const WIN = 'mutation ($input: OpportunityRefInput!) { winOpportunity(input: $input) { revision } }';
const LOSE = 'mutation ($input: LoseOpportunityInput!) { loseOpportunity(input: $input) { revision } }';
const REOPEN = 'mutation ($input: ReopenOpportunityInput!) { reopenOpportunity(input: $input) { revision } }';
const MOVE = 'mutation ($input: MoveOpportunityToPipelineInput!) { moveOpportunityToPipeline(input: $input) { revision } }';
const DEFAULT_PIPELINE_ID = '00000000-0000-4000-8000-000000000001';

/**
 * A whole second after every write so far and before every write after it (business time is this
 * machine's clock). Whole, because a date-and-time input holds seconds.
 */
export const secondBetweenWrites = async (): Promise<string> => {
  const second = Math.floor(Date.now() / 1000) * 1000 + 1000;
  while (Date.now() <= second) await new Promise((resolve) => setTimeout(resolve, second + 1 - Date.now()));
  return new Date(second).toISOString();
};

export interface MovementStory {
  token: string;
  pipelineId: string;
  from: string;
  to: string;
  /** What DESIGN.md's rules make of the story in EUR, bucket by bucket. */
  expectedEur: Record<(typeof MOVEMENT_BUCKETS)[number], string>;
}

/**
 * One pipeline of its own, in which between `from` and `to` one EUR deal moves into each bucket (won,
 * lost, increased, decreased, pushed out to another pipeline, pulled in by a reopening, created), a USD
 * deal grows, and after `to` more happens that the movement must not count.
 */
export const openMovementStory = async (server: RunningServer): Promise<MovementStory> => {
  const run = runner(server);
  const rep = await server.token('rep');
  const manager = await server.token('manager');
  const pipelineId = (await run(manager, DEFINE, { input: { name: 'Kitchens', stages: STAGES } })).definePipeline.pipeline.id;
  const accountId = (await run(rep, REGISTER, { input: { name: 'Keukenhuis', kind: 'COMPANY' } })).registerAccount.account.id;
  const open = async (name: string, amount: string, currency = 'EUR'): Promise<string> =>
    (await run(rep, OPEN, { input: { accountId, pipelineId, name, amount, currency, expectedCloseDate: '2027-09-30' } })).openOpportunity.opportunity.id;
  const deal: Record<string, string> = {};
  for (const [name, amount] of [['toWin', '1000.00'], ['toLose', '2000.00'], ['toGrow', '3000.00'], ['toShrink', '4000.00'], ['toMove', '5000.00'], ['toReopen', '700.00']]) {
    deal[name] = await open(name, amount);
  }
  deal.dollars = await open('dollars', '800.00', 'USD');
  await run(rep, LOSE, { input: { opportunityId: deal.toReopen, reason: 'NO_BUDGET' } });

  const from = await secondBetweenWrites();
  await run(rep, WIN, { input: { opportunityId: deal.toWin } });
  await run(rep, LOSE, { input: { opportunityId: deal.toLose, reason: 'LOST_TO_COMPETITOR' } });
  await run(rep, REVISE, { input: { opportunityId: deal.toGrow, amount: '3500.00' } });
  await run(rep, REVISE, { input: { opportunityId: deal.toShrink, amount: '3000.00' } });
  await run(rep, MOVE, { input: { opportunityId: deal.toMove, pipelineId: DEFAULT_PIPELINE_ID } });
  await run(rep, REOPEN, { input: { opportunityId: deal.toReopen } });
  deal.created = await open('created', '600.00');
  await run(rep, REVISE, { input: { opportunityId: deal.dollars, amount: '950.00' } });

  const to = await secondBetweenWrites();
  await run(rep, REVISE, { input: { opportunityId: deal.created, amount: '9999.00' } });
  await open('too late', '50.00');

  return {
    token: rep, pipelineId, from, to,
    expectedEur: {
      start: '15000.00', created: '600.00', pulledIn: '700.00', increased: '500.00', decreased: '1000.00',
      pushedOut: '5000.00', won: '1000.00', lost: '2000.00', end: '7800.00',
    },
  };
};
