import { signToken } from '@crm/application';
import { gql, load, SECRET, waitForProjections, type Load } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { seedListsData } from './lists-bench-data';
import { listQueries, ownersOf, searchWords, type ListQuery } from './lists-bench-queries';

const LEADS = Number(process.env.BENCH_LIST_LEADS ?? 100_000);
const SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 5);
/** Each query's runs alternate with runs of the trivial query (even rounds start with it, odd ones end with it). */
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 3);
const CONNECTIONS = 8;
/** Unmeasured load before each figure, so none of them is the one that warms the server up. */
const WARM_UP_SECONDS = 2;

const TRIVIAL = (): string => JSON.stringify({ query: '{ __typename }' });

/** Every query answers without errors before it is measured: a GraphQL error still comes back as a 200. */
const checkAnswers = async (url: string, token: string, queries: readonly ListQuery[]): Promise<void> => {
  for (const query of queries) {
    const { query: text, variables } = JSON.parse(query.body()) as { query: string; variables: Record<string, unknown> };
    await gql(url, token, text, variables);
  }
};

interface Paired {
  query: ListQuery;
  runs: Load[];
  trivial: Load[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * A query beside the trivial one: ROUNDS runs of each, alternated, after an unmeasured warm-up. On a
 * shared machine another process moves both runs of a round alike, so their ratio moves less than
 * either figure.
 */
const measurePaired = async (server: BenchServer, token: string, query: ListQuery): Promise<Paired> => {
  await load(server, token, CONNECTIONS, query.body, WARM_UP_SECONDS);
  const paired: Paired = { query, runs: [], trivial: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const runQuery = async () => paired.runs.push(await load(server, token, CONNECTIONS, query.body, SECONDS));
    const runTrivial = async () => paired.trivial.push(await load(server, token, CONNECTIONS, TRIVIAL, SECONDS));
    if (round % 2 === 0) {
      await runTrivial();
      await runQuery();
    } else {
      await runQuery();
      await runTrivial();
    }
  }
  return paired;
};

/**
 * The headline is the round whose ratio is the median, the query's requests/s beside the trivial
 * query's of the same round: a paired figure, which a drift of the machine between rounds moves less
 * than the medians of each side would.
 */
const rowsOf = ({ query, runs, trivial }: Paired): BenchRow[] => {
  const ratios = runs.map((run, round) => run.requests / trivial[round].requests);
  const middle = ratios.map((ratio, round) => ({ ratio, round })).sort((a, b) => a.ratio - b.ratio)[Math.floor(ratios.length / 2)].round;
  const cpu = (loads: readonly Load[]) => median(loads.map((run) => run.serverCpuUs ?? 0));
  return [
    {
      name: query.name,
      value: runs[middle].requests,
      unit: 'req/s',
      baseline: { name: '{ __typename }, same round', value: trivial[middle].requests },
      ...(query.target ? { target: query.target } : {}),
    },
    { name: `  each round: ${ratios.map((ratio) => `${ratio.toFixed(2)}x`).join(' ')}; p99`, value: median(runs.map((run) => run.p99)), unit: 'ms' },
    ...(runs[0].serverCpuUs === null ? [] : [{ name: '  server CPU per request', value: cpu(runs), unit: 'us', baseline: { name: '{ __typename }', value: cpu(trivial) } }]),
  ];
};

/**
 * List and search queries and the pipeline over HTTP at a seeded CRM (`crm seed`'s demo data,
 * BENCH_LIST_LEADS leads), each beside `{ __typename }` on the same server in the same run: the
 * cost of HTTP, authentication and GraphQL with no data read. Each is measured in ROUNDS alternated
 * pairs of runs of BENCH_LIST_SECONDS seconds; the pair with the median ratio is the headline.
 */
export async function benchLists(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-lists-');
  await seedListsData(tmp.dir, LEADS, process.env.BENCH_SEED_CACHE);
  const server = await startBenchServer(tmp.dir, SECRET);
  try {
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
    await waitForProjections(server.url, token);
    const words = await searchWords(server.url, token);
    const queries = listQueries(words.words, await ownersOf(server.url, token));
    await checkAnswers(server.url, token, queries);
    const only = process.env.BENCH_LIST_ONLY?.split(',') ?? [];
    const chosen = only.length ? queries.filter((query) => only.some((name) => query.name.startsWith(name))) : queries;
    const measured: Paired[] = [];
    for (const query of chosen) measured.push(await measurePaired(server, token, query));
    const errors = measured.flatMap(({ runs, trivial }) => [...runs, ...trivial]).reduce((sum, run) => sum + run.non2xx, 0);
    return [
      { name: `seeded leads (${CONNECTIONS} connections, median of ${ROUNDS} paired rounds of ${SECONDS} s)`, value: LEADS, unit: 'leads' },
      { name: `search words: ${words.words.join(', ')}; leads found per word, mean`, value: words.meanMatches, unit: 'leads' },
      ...measured.flatMap(rowsOf),
      { name: 'HTTP errors and non-2xx answers during the runs', value: errors, unit: 'responses' },
    ];
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}
