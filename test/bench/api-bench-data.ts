import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@crm/event-store';

const DEFAULT_PIPELINE_ID = '00000000-0000-4000-8000-000000000001';

/** Three pipelines, as a business selling new licences, renewals and partner deals has: each with its own open stages. */
const stage = (key: string, probability: number, kind: 'OPEN' | 'WON' | 'LOST', forecastCategory: string) =>
  ({ key, name: key.charAt(0) + key.slice(1).toLowerCase().replace(/_/g, ' '), probability, kind, forecastCategory });
export const BENCH_PIPELINES = [
  { pipelineId: DEFAULT_PIPELINE_ID, name: 'Sales', stages: [stage('PROSPECTING', 10, 'OPEN', 'PIPELINE'), stage('QUALIFICATION', 20, 'OPEN', 'PIPELINE'), stage('PROPOSAL', 50, 'OPEN', 'BEST_CASE'), stage('NEGOTIATION', 80, 'OPEN', 'COMMIT')] },
  { pipelineId: '0b3e5a2c-6f1d-4c8e-9a7b-2d4f6e8a0c11', name: 'Renewals', stages: [stage('UP_FOR_RENEWAL', 40, 'OPEN', 'PIPELINE'), stage('QUOTED', 60, 'OPEN', 'BEST_CASE'), stage('VERBAL_YES', 90, 'OPEN', 'COMMIT'), stage('RENEWED', 100, 'WON', 'CLOSED'), stage('CHURNED', 0, 'LOST', 'OMITTED')] },
  { pipelineId: '5c7d9e1f-3a2b-4d6c-8e0f-1a3b5c7d9e22', name: 'Partners', stages: [stage('REGISTERED', 20, 'OPEN', 'PIPELINE'), stage('CO_SELLING', 50, 'OPEN', 'BEST_CASE'), stage('WON', 100, 'WON', 'CLOSED'), stage('LOST', 0, 'LOST', 'OMITTED')] },
] as const;
const openStagesOf = (pipeline: (typeof BENCH_PIPELINES)[number]) => pipeline.stages.filter((s) => s.kind === 'OPEN');
export const CURRENCIES = ['EUR', 'EUR', 'EUR', 'EUR', 'USD', 'GBP'];
const GROUP = 2_000;

const meta = (at: Date) => ({
  actor: 'bench', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: at.toISOString(),
});

const event = (type: string, data: NewEvent['data'], at: Date): NewEvent => ({ id: randomUUID(), type, data, metadata: meta(at) });

export interface BenchDataset {
  /** The opportunities of the default pipeline, whose stages every bench knows. */
  opportunityIds: string[];
  owners: string[];
}

/** The two pipelines besides the default one, defined at `at`. */
export const defineBenchPipelines = async (store: SqliteEventStore, at: Date): Promise<void> => {
  for (const { pipelineId, name, stages } of BENCH_PIPELINES.slice(1)) {
    const definition = { pipelineId, name, stages: stages.map((s) => ({ ...s })) };
    await store.appendToStream(`pipeline-${pipelineId}`, [event('PipelineDefined', definition, at)], 'no_stream');
  }
};

/** Registers the accounts, owned round the owners, at `at`; appends in groups so group commit takes many at once. */
export const registerBenchAccounts = async (store: SqliteEventStore, accountIds: readonly string[], owners: readonly string[], at: Date): Promise<void> => {
  for (let start = 0; start < accountIds.length; start += GROUP) {
    await Promise.all(accountIds.slice(start, start + GROUP).map((accountId, k) => {
      const i = start + k;
      return store.appendToStream(`account-${accountId}`, [event('AccountRegistered', {
        accountId, name: `Bench Account ${i}`, kind: 'COMPANY', domain: `bench-${i}.nl`, industry: 'Retail',
        parentAccountId: null, registrationNumber: null, ownerId: owners[i % owners.length],
      }, at)], 'no_stream');
    }));
  }
};

/**
 * Accounts and open opportunities with realistic spread (three pipelines, owners, stages, currencies,
 * close dates in the next year), appended straight to the event store so the API starts on a populated
 * pipeline. The default pipeline exists without events; the other two are defined first.
 */
export const writeOpportunities = async (path: string, opportunities: number): Promise<BenchDataset> => {
  const store = new SqliteEventStore({ path });
  const owners = Array.from({ length: 20 }, (_, i) => `rep-${i + 1}`);
  const accountIds = Array.from({ length: Math.ceil(opportunities / 10) }, () => randomUUID());
  const opportunityIds: string[] = [];
  const now = Date.now();
  let pending: Array<Promise<unknown>> = [];
  const flush = async (force = false) => {
    if (force || pending.length >= GROUP) {
      await Promise.all(pending);
      pending = [];
    }
  };
  await defineBenchPipelines(store, new Date(now - 2 * 86_400_000));
  await registerBenchAccounts(store, accountIds, owners, new Date(now - 86_400_000));
  for (let i = 0; i < opportunities; i++) {
    const opportunityId = randomUUID();
    const pipeline = BENCH_PIPELINES[i % BENCH_PIPELINES.length];
    const open = openStagesOf(pipeline);
    const { key: stage, probability } = open[Math.floor(i / BENCH_PIPELINES.length) % open.length];
    const close = new Date(now + ((i * 7919) % 365) * 86_400_000).toISOString().slice(0, 10);
    if (pipeline.pipelineId === DEFAULT_PIPELINE_ID) opportunityIds.push(opportunityId);
    pending.push(store.appendToStream(`opportunity-${opportunityId}`, [event('OpportunityOpened', {
      opportunityId, accountId: accountIds[i % accountIds.length], name: `Deal ${i}`,
      amount: { amount: `${1000 + ((i * 37) % 90_000)}.00`, currency: CURRENCIES[i % CURRENCIES.length] },
      expectedCloseDate: close, ownerId: owners[(i * 7) % owners.length], pipelineId: pipeline.pipelineId, stage, probability, primaryContactId: null,
    }, new Date(now - 3_600_000))], 'no_stream'));
    await flush();
  }
  await flush(true);
  await store.close();
  return { opportunityIds, owners };
};
