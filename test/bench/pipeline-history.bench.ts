import { join } from 'node:path';
import { signToken } from '@crm/application';
import { BENCH_PIPELINES } from './api-bench-data';
import { cpuRows, gql, load, SECRET, waitForProjections, type Load } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { writeHistory, type HistoryDataset } from './history-bench-data';
import { bodies, brokenIdentities, MOVEMENT, PIPELINE_AS_OF, PIPELINE_NOW } from './pipeline-history-queries';

const OPPORTUNITIES = Number(process.env.BENCH_HISTORY_OPPORTUNITIES ?? 100_000);
const SECONDS = Number(process.env.BENCH_HISTORY_SECONDS ?? 10);
const CONNECTIONS = 8;
const P99_TARGET = '<= 50 ms';
const DAY = 86_400_000;

const seconds = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
};

/** The first answer of each query after the start: what the first user after a deploy waits for. */
const firstAnswers = async (url: string, token: string, now: number): Promise<BenchRow[]> => {
  const p = BENCH_PIPELINES[1].pipelineId;
  const queries: Array<[string, string, Record<string, unknown>]> = [
    ['pipeline(asOf)', PIPELINE_AS_OF, { p, at: new Date(now - 180 * DAY).toISOString() }],
    ['pipelineMovement', MOVEMENT, { p, from: new Date(now - 200 * DAY).toISOString(), to: new Date(now - 109 * DAY).toISOString() }],
  ];
  const rows: BenchRow[] = [];
  for (const [name, query, variables] of queries) {
    const [, took] = await seconds(() => gql(url, token, query, variables));
    rows.push({ name: `first ${name} after the start`, value: took * 1000, unit: 'ms' });
  }
  return rows;
};

/**
 * Answers that must agree before their speed means anything: the pipeline as of after the last event
 * is the pipeline now, and a movement report adds up per currency. Problems are printed, not thrown,
 * so the figures still come out.
 */
const checkAnswers = async (url: string, token: string, now: number): Promise<void> => {
  for (const { pipelineId: p } of BENCH_PIPELINES) {
    const [asOf, current] = await Promise.all([gql(url, token, PIPELINE_AS_OF, { p, at: new Date(now).toISOString() }), gql(url, token, PIPELINE_NOW, { p })]);
    if (JSON.stringify(asOf.pipeline) !== JSON.stringify(current.pipeline)) console.log(`CHECK FAILED: pipeline(asOf: ${new Date(now).toISOString()}) differs from pipeline for ${p}`);
    const { pipelineMovement } = await gql(url, token, MOVEMENT, { p, from: new Date(now - 120 * DAY).toISOString(), to: new Date(now - 29 * DAY).toISOString() });
    const broken = brokenIdentities(pipelineMovement.currencies);
    if (broken.length > 0) console.log(`CHECK FAILED: pipelineMovement of ${p} does not add up in ${broken.join(', ')}`);
  }
};

const datasetRows = (data: HistoryDataset, writeSeconds: number, catchUpSeconds: number): BenchRow[] => [
  { name: `history written: ${data.opportunities.toLocaleString('en-US')} opportunities, events`, value: data.events, unit: 'events' },
  { name: 'opportunities won now / lost now / ever reopened', value: (100 * data.won) / data.opportunities, unit: `% won, ${((100 * data.lost) / data.opportunities).toFixed(1)} % lost, ${((100 * data.reopened) / data.opportunities).toFixed(1)} % reopened` },
  { name: 'close-date pushes (revisions of the close date)', value: data.closeDatePushes, unit: 'events' },
  { name: 'writing the history to the event store', value: writeSeconds, unit: 's' },
  { name: 'start and projector catch-up (every read model, from an empty store)', value: catchUpSeconds, unit: 's' },
  { name: 'catch-up rate', value: data.events / catchUpSeconds, unit: 'events/s' },
];

const latencyRows = (name: string, run: Load, plain: Load, noop: Load): BenchRow[] => [
  { name: `${name} p50`, value: run.p50, unit: 'ms', baseline: { name: 'plain pipeline p50', value: plain.p50 } },
  { name: `${name} p99`, value: run.p99, unit: 'ms', baseline: { name: 'plain pipeline p99', value: plain.p99 }, target: P99_TARGET },
  { name: `${name} p99 against the no-op`, value: run.p99, unit: 'ms', baseline: { name: 'no-op p99', value: noop.p99 } },
  { name: `${name} throughput`, value: run.requests, unit: 'req/s', baseline: { name: 'no-op', value: noop.requests } },
];

const measure = async (server: BenchServer, token: string, now: number) => {
  const body = bodies(now);
  const run = (make: () => string) => load(server, token, CONNECTIONS, make, SECONDS);
  return { noop: await run(body.noop), plain: await run(body.pipeline), asOf: await run(body.pipelineAsOf), movement: await run(body.movement), forecast: await run(body.forecast) };
};

/**
 * The pipeline through time at a year of a sales organisation's history: `pipeline(asOf)` at random
 * instants, `pipelineMovement` over random quarters and `forecast` by month, 8 clients at once, each
 * beside the plain `pipeline` query and the no-op mutation measured in the same run.
 */
export async function benchPipelineHistory(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-history-');
  const [data, writeSeconds] = await seconds(() => writeHistory(join(tmp.dir, 'events.sqlite'), OPPORTUNITIES));
  const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
  const [server, catchUpSeconds] = await seconds(async () => {
    const started = await startBenchServer(tmp.dir, SECRET, {}, 900_000);
    await waitForProjections(started.url, token);
    return started;
  });
  try {
    const first = await firstAnswers(server.url, token, data.now);
    await checkAnswers(server.url, token, data.now);
    const runs = await measure(server, token, data.now);
    const errors = Object.values(runs).reduce((sum, r) => sum + r.non2xx, 0);
    return [
      ...datasetRows(data, writeSeconds, catchUpSeconds),
      ...first,
      { name: 'no-op mutation (ping) p50', value: runs.noop.p50, unit: 'ms' },
      { name: 'no-op mutation (ping) p99', value: runs.noop.p99, unit: 'ms' },
      { name: 'plain pipeline p50, one of three pipelines at random', value: runs.plain.p50, unit: 'ms', baseline: { name: 'no-op p50', value: runs.noop.p50 } },
      { name: 'plain pipeline p99', value: runs.plain.p99, unit: 'ms', baseline: { name: 'no-op p99', value: runs.noop.p99 } },
      ...latencyRows('pipeline(asOf) at a random instant of the year', runs.asOf, runs.plain, runs.noop),
      ...latencyRows('pipelineMovement over a random quarter', runs.movement, runs.plain, runs.noop),
      ...latencyRows('forecast by month, a random twelve months', runs.forecast, runs.plain, runs.noop),
      { name: 'HTTP errors and non-2xx answers during the runs', value: errors, unit: 'responses' },
      ...cpuRows(runs.noop, { 'no-op mutation': runs.noop, 'pipeline(asOf)': runs.asOf, pipelineMovement: runs.movement, forecast: runs.forecast }),
    ];
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}
