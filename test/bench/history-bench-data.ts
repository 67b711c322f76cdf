import { SqliteEventStore, type NewEvent } from '@crm/event-store';
import { SeededRandom } from '../../libs/application/src/seed/seeded-random';
import { startOfUtcDay } from '@crm/application';
import { defineBenchPipelines, registerBenchAccounts } from './api-bench-data';
import { businessTime, days, type Deal } from './history-bench-deal';
import { benchPipelines, OWNERS, tellDeal } from './history-bench-stories';

/** Appends of whole stories waiting at once: enough for group commit to take many per transaction. */
const GROUP = 500;

export interface HistoryDataset {
  /** The instant the stories end at: every event's business time is before it. */
  now: number;
  opportunities: number;
  events: number;
  /** How the opportunities stand now. */
  won: number;
  lost: number;
  reopened: number;
  closeDatePushes: number;
}

/** A version 4 uuid from the seeded generator, so the same seed writes the same ids. */
const seededUuid = (r: SeededRandom): string => {
  const hex = Array.from({ length: 4 }, () => Math.floor(r.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Opening instants spread evenly over the year before `now`, at business times, earliest first. The
 * last days are left out: moving a weekend to Monday must not take an opening past `now`.
 */
const openingTimes = (r: SeededRandom, count: number, now: number): number[] =>
  Array.from({ length: count }, () => businessTime(now - days(365) + Math.floor(r.next() * days(361))))
    .sort((a, b) => a - b);

/** The deal's events as the store takes them: one command id (and correlation) per command of the story. */
const newEvents = (r: SeededRandom, deal: Deal): NewEvent[] => {
  const commandIds = new Map<number, string>();
  return deal.events.map((event) => {
    const commandId = commandIds.get(event.step) ?? seededUuid(r);
    commandIds.set(event.step, commandId);
    const metadata = { actor: event.actor, commandId, correlationId: commandId, causationId: commandId, occurredAt: new Date(event.at).toISOString() };
    return { id: seededUuid(r), type: event.type, data: event.data, metadata };
  });
};

const tally = (dataset: HistoryDataset, deal: Deal): void => {
  dataset.events += deal.events.length;
  if (deal.current.status === 'WON') dataset.won++;
  if (deal.current.status === 'LOST') dataset.lost++;
  if (deal.events.some((e) => e.type === 'OpportunityReopened')) dataset.reopened++;
  dataset.closeDatePushes += deal.events.filter((e) => e.type === 'OpportunityRevised' && 'expectedCloseDate' in (e.data.changes as object)).length;
};

/**
 * A year of a sales organisation's history, appended straight to the event store: the three bench
 * pipelines defined and 10 accounts per 100 opportunities registered before it starts, then
 * `opportunities` deals opened at business times over the last 365 days, each with its whole story
 * up to now in one append (see `tellDeal`). Deterministic for a seed and a day: `now` is today's 00:00 UTC.
 */
export const writeHistory = async (path: string, opportunities: number, seed = 16): Promise<HistoryDataset> => {
  const r = new SeededRandom(seed);
  const now = startOfUtcDay().getTime();
  const store = new SqliteEventStore({ path });
  const accountIds = Array.from({ length: Math.ceil(opportunities / 10) }, () => seededUuid(r));
  await defineBenchPipelines(store, new Date(now - days(400)));
  await registerBenchAccounts(store, accountIds, OWNERS, new Date(now - days(390)));
  const ctx = { random: r, pipelines: benchPipelines(), now };
  const dataset: HistoryDataset = { now, opportunities, events: 0, won: 0, lost: 0, reopened: 0, closeDatePushes: 0 };
  let pending: Promise<unknown>[] = [];
  for (const [n, openedAt] of openingTimes(r, opportunities, now).entries()) {
    const opportunityId = seededUuid(r);
    const deal = tellDeal(ctx, n, { opportunityId, accountId: accountIds[n % accountIds.length] }, openedAt);
    if (deal.events.length === 0) throw new Error(`Deal ${n} was not opened at ${new Date(openedAt).toISOString()}`);
    tally(dataset, deal);
    pending.push(store.appendToStream(`opportunity-${opportunityId}`, newEvents(r, deal), 'no_stream'));
    if (pending.length >= GROUP) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await store.close();
  return dataset;
};
