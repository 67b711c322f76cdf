import { join } from 'node:path';
import { decideOpportunity, DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, initialOpportunityState, Money, type OpportunityState } from '@crm/domain';
import { replayStream } from '@crm/application';
import { SqliteEventStore, type RecordedEvent } from '@crm/event-store';
import { tempDataDir } from '../testing/buffer-io';
import { SEED_UNTIL, seededStore, type SeededStore } from '../testing/seeded-store';

type Open = Extract<OpportunityState, { status: 'OPEN' }>;
type Bucket = { count: number; amount: { amount: string; currency: string }; opportunities: Array<{ opportunityId: string; amount: string }> };
type CurrencyJson = { currency: string } & Record<string, Bucket>;

const OUTFLOWS = ['decreased', 'pushedOut', 'won', 'lost'];
const INFLOWS = ['created', 'pulledIn', 'increased'];

/** The contract's reference: an opportunity at t is the fold of its events up to the first whose running latest business time passes t. */
const stateAt = (events: readonly RecordedEvent[], t: number): OpportunityState | null => {
  let latest = -Infinity;
  const prefix: RecordedEvent[] = [];
  for (const event of events) {
    latest = Math.max(latest, Date.parse(event.metadata.occurredAt));
    if (latest > t) break;
    prefix.push(event);
  }
  return prefix.length === 0 ? null : replayStream('OPPORTUNITY', prefix);
};

/** Each opportunity's events in stream order. */
const opportunityStreams = (events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events.filter((e) => e.streamName.startsWith('opportunity-'))) streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
  return streams;
};

/** Open opportunities of the pipeline at t, by id, narrowed as the report's filters narrow them. */
const openAt = (streams: Map<string, RecordedEvent[]>, t: number, pipelineId = DEFAULT_PIPELINE_ID, ownerId?: string): Map<string, Open> => {
  const open = new Map<string, Open>();
  for (const events of streams.values()) {
    const state = stateAt(events, t);
    if (state?.status === 'OPEN' && state.pipelineId === pipelineId && (ownerId === undefined || state.ownerId === ownerId)) open.set(state.opportunityId, state);
  }
  return open;
};

const jsonOf = async (folder: SeededStore, argv: string[]) => {
  const run = await folder.run(argv);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout);
};

/** A deal opened the day after the seeded period, appended straight to the log as a server would have written it. */
const openLateDeal = async (folder: SeededStore): Promise<string> => {
  const account = folder.events.find((e) => e.type === 'AccountRegistered')!;
  const opportunityId = '7e57c0de-0000-4000-8000-000000000001';
  const at = new Date(Date.parse(SEED_UNTIL) + 86_400_000).toISOString();
  const [opened] = decideOpportunity({
    type: 'OpenOpportunity',
    data: { opportunityId, accountId: String(account.data.accountId), accountExists: true, name: 'Late deal', amount: '4321.00', currency: 'EUR', expectedCloseDate: '2026-06-30', pipeline: DEFAULT_PIPELINE },
    metadata: { now: at, actor: 'rep-1' },
  }, initialOpportunityState());
  const commandId = '7e57c0de-0000-4000-8000-000000000002';
  const store = new SqliteEventStore({ path: join(folder.dir, 'events.sqlite') });
  try {
    const metadata = { actor: 'rep-1', commandId, correlationId: commandId, causationId: commandId, occurredAt: at };
    await store.appendToStream(`opportunity-${opportunityId}`, [{ id: '7e57c0de-0000-4000-8000-000000000003', type: opened.type, data: opened.data, metadata }], 'no_stream');
  } finally {
    await store.close();
  }
  return opportunityId;
};

describe('crm report', () => {
  let data: SeededStore;
  let streams: Map<string, RecordedEvent[]>;
  beforeAll(async () => {
    data = await seededStore();
    streams = opportunityStreams(data.events);
  });
  afterAll(() => data.cleanup());

  const contributions = (open: Map<string, Open>) =>
    [...open.values()].map((o) => ({ opportunityId: o.opportunityId, amount: Money.format(o.amount), currency: o.amount.currency })).sort((a, b) => (a.opportunityId < b.opportunityId ? -1 : 1));
  const bucketEntries = (currencies: CurrencyJson[], bucket: string) =>
    currencies.flatMap((c) => c[bucket].opportunities.map((o) => ({ ...o, currency: c.currency }))).sort((a, b) => (a.opportunityId < b.opportunityId ? -1 : 1));
  const minor = (money: { amount: string }) => BigInt(money.amount.replace('.', ''));
  const json = (argv: string[]) => jsonOf(data, argv);
  /** Two business times inside the seeded period, at 40 % and 80 % of its opportunity events. */
  const window = (): [string, string] => {
    const times = [...streams.values()].flat().map((e) => e.metadata.occurredAt).sort();
    return [times[Math.floor(times.length * 0.4)], times[Math.floor(times.length * 0.8)]];
  };

  it('explains the movement: start and end as the log folds them, balanced per currency', async () => {
    const [from, to] = window();
    const report = await json(['report', 'movement', '--from', from, '--to', to, '--format', 'json']);
    expect(report).toMatchObject({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), pipeline: { id: DEFAULT_PIPELINE_ID, name: 'Sales' } });
    expect(bucketEntries(report.currencies, 'start')).toEqual(contributions(openAt(streams, Date.parse(from))));
    expect(bucketEntries(report.currencies, 'end')).toEqual(contributions(openAt(streams, Date.parse(to))));
    expect(report.currencies.length).toBeGreaterThan(0);
    for (const c of report.currencies as CurrencyJson[]) {
      const moved = INFLOWS.reduce((sum, b) => sum + minor(c[b].amount), 0n) - OUTFLOWS.reduce((sum, b) => sum + minor(c[b].amount), 0n);
      expect(minor(c.start.amount) + moved).toBe(minor(c.end.amount));
    }
  });

  it("narrows to another pipeline and one owner's opportunities", async () => {
    const [from, to] = window();
    const renewals = data.events.find((e) => e.type === 'PipelineDefined' && e.data.name === 'Renewals')!.data.pipelineId as string;
    const owner = [...openAt(streams, Date.parse(to), renewals).values()][0].ownerId;
    const report = await json(['report', 'movement', '--from', from, '--to', to, '--pipeline', renewals, '--owner', owner, '--format', 'json']);
    expect(report).toMatchObject({ pipeline: { id: renewals, name: 'Renewals' }, filter: { ownerId: owner, currency: null } });
    expect(bucketEntries(report.currencies, 'start')).toEqual(contributions(openAt(streams, Date.parse(from), renewals, owner)));
    expect(bucketEntries(report.currencies, 'end')).toEqual(contributions(openAt(streams, Date.parse(to), renewals, owner)));
  });

  it('forecasts every opportunity open now once, with its amount, by month or by quarter', async () => {
    const open = contributions(openAt(streams, Infinity));
    const byMonth = await json(['report', 'forecast', '--format', 'json']);
    expect(byMonth.rows.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(open.length);
    const total = (rows: Array<{ amounts: Array<{ amount: string; currency: string }> }>, currency: string) =>
      rows.flatMap((row) => row.amounts).filter((m) => m.currency === currency).reduce((sum, m) => sum + minor(m), 0n);
    for (const currency of new Set(open.map((o) => o.currency))) {
      expect(total(byMonth.rows, currency)).toBe(open.filter((o) => o.currency === currency).reduce((sum, o) => sum + minor(o), 0n));
    }
    const byQuarter = await json(['report', 'forecast', '--period', 'quarter', '--format', 'json']);
    expect(byQuarter.period).toBe('QUARTER');
    expect(byQuarter.rows.every((row: { period: string }) => /^\d{4}-Q[1-4]$/.test(row.period))).toBe(true);
    expect(byQuarter.rows.reduce((sum: number, row: { count: number }) => sum + row.count, 0)).toBe(open.length);
  });

  it('prints the same report as a table for people and as CSV for spreadsheets', async () => {
    const [from, to] = window();
    const report = await json(['report', 'movement', '--from', from, '--to', to, '--format', 'json']);
    const csv = await data.run(['report', 'movement', '--from', from, '--to', to, '--format', 'csv']);
    const records = csv.stdout.split('\r\n').filter(Boolean);
    expect(records[0]).toBe('currency,movement,effect,count,amount');
    expect(records).toHaveLength(1 + 9 * report.currencies.length);
    const eur = report.currencies.find((c: CurrencyJson) => c.currency === 'EUR');
    expect(records).toContain(`EUR,won,subtract,${eur.won.count},${eur.won.amount.amount}`);
    const table = (await data.run(['report', 'movement', '--from', from, '--to', to])).stdout.split('\n');
    expect(table[0]).toContain(`Pipeline movement from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}, pipeline Sales`);
    expect(table[1]).toMatch(/^currency\s+movement\s+count\s+amount$/);
    expect(table).toContainEqual(expect.stringMatching(new RegExp(`^EUR\\s+end\\s+${eur.end.count}\\s+${eur.end.amount.amount}$`)));
    const forecast = await data.run(['report', 'forecast', '--format', 'csv']);
    expect(forecast.stdout.split('\r\n')[0]).toBe('period,category,count,currency,amount,weightedAmount,won');
  });

  it('builds the read model on first use, then catches it up with events written since the last report', async () => {
    const own = await seededStore(60, 5);
    try {
      const openNow = openAt(opportunityStreams(own.events), Infinity).size;
      const count = (report: { rows: Array<{ count: number }> }) => report.rows.reduce((sum, row) => sum + row.count, 0);
      expect(count(await jsonOf(own, ['report', 'forecast', '--format', 'json']))).toBe(openNow);
      const opportunityId = await openLateDeal(own);
      expect(count(await jsonOf(own, ['report', 'forecast', '--format', 'json']))).toBe(openNow + 1);
      const report = await jsonOf(own, ['report', 'movement', '--from', SEED_UNTIL, '--to', '2026-01-03', '--format', 'json']);
      expect(report.currencies.find((c: CurrencyJson) => c.currency === 'EUR').created.opportunities).toEqual([{ opportunityId, amount: '4321.00' }]);
    } finally {
      own.cleanup();
    }
  });

  it.each([
    ['a bad instant', ['movement', '--from', 'yesterday', '--to', '2025-06-01']],
    ['no --from', ['movement', '--to', '2025-06-01']],
    ['--from after --to', ['movement', '--from', '2025-06-01', '--to', '2025-05-01']],
    ['an unknown format', ['movement', '--from', '2025-05-01', '--to', '2025-06-01', '--format', 'xml']],
    ['a pipeline that is no uuid', ['forecast', '--pipeline', 'sales']],
    ['an owner with a space', ['forecast', '--owner', 'rep 1']],
    ['an unknown currency', ['forecast', '--currency', 'EURO']],
    ['an unknown period', ['forecast', '--period', 'week']],
    ['a close month that does not exist', ['movement', '--from', '2025-05-01', '--to', '2025-06-01', '--close-to', '2025-13']],
  ])('exits with 2 and says why, before reading anything, for %s', async (_name, argv) => {
    const run = await data.run(['report', ...argv]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/error/);
  });

  it('exits with 1 for a pipeline that does not exist, and for a data folder without a log', async () => {
    const unknown = await data.run(['report', 'forecast', '--pipeline', '3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10 does not exist');
    const empty = tempDataDir();
    try {
      const run = await empty.run(['report', 'forecast']);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('No event store');
    } finally {
      empty.cleanup();
    }
  });
});
