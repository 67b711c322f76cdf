import { signToken } from '@crm/application';
import { gql, load, SECRET, waitForProjections, type Load } from './api.bench';
import { startBenchServer, type BenchServer } from './api-server';
import { tempDir, type BenchRow } from './bench-kit';
import { seedListsData } from './lists-bench-data';

const LEADS = Number(process.env.BENCH_LIST_LEADS ?? 100_000);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const CONNECTIONS = 8;
/** Unmeasured load before each figure, so none of them is the one that warms the server up. */
const WARM_UP_SECONDS = 2;

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];

/** One query of the suite: a body per request (variables may change), and the target of its ratio. */
interface ListQuery {
  name: string;
  body: () => string;
  target?: string;
}

const request = (query: string, variables: () => Record<string, unknown> = () => ({})) => (): string =>
  JSON.stringify({ query, variables: variables() });

/** Words people search for, from the seeded data: the most frequent first and last names of a sample. */
const searchWords = async (url: string, token: string): Promise<string[]> => {
  const { leads } = await gql(url, token, '{ leads(first: 250) { edges { node { firstName lastName } } } }');
  const counts = new Map<string, number>();
  for (const { node } of leads.edges as Array<{ node: { firstName: string | null; lastName: string | null } }>) {
    for (const name of [node.firstName, node.lastName]) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name]) => name);
};

const ownersOf = async (url: string, token: string): Promise<string[]> => {
  const { opportunities } = await gql(url, token, '{ opportunities(first: 200) { edges { node { ownerId } } } }');
  return [...new Set((opportunities.edges as Array<{ node: { ownerId: string } }>).map(({ node }) => node.ownerId))];
};

const listQueries = (words: readonly string[], owners: readonly string[]): ListQuery[] => [
  {
    name: `search: leads(filter: { search }) with totalCount, ${words.length} seeded names`,
    body: request('query ($q: String) { leads(filter: { search: $q }, first: 20) { totalCount edges { node { id fullName companyName status } } } }', () => ({ q: pick(words) })),
    target: '>= 0.33x',
  },
  {
    name: 'leads: status in (WORKING, QUALIFIED), newest first, totalCount',
    body: request('{ leads(filter: { status: [WORKING, QUALIFIED] }, orderBy: { field: CAPTURED_AT, direction: DESC }, first: 20) { totalCount edges { cursor node { id fullName companyName status source capturedAt } } } }'),
  },
  {
    name: 'accounts: companies by name, totalCount',
    body: request('{ accounts(filter: { kind: [COMPANY] }, orderBy: { field: NAME, direction: ASC }, first: 20) { totalCount edges { cursor node { id name ownerId openOpportunityCount openPipeline { amount currency } } } } }'),
  },
  {
    name: 'contacts: active by last name, totalCount',
    body: request('{ contacts(filter: { status: [ACTIVE] }, orderBy: { field: LAST_NAME, direction: ASC }, first: 20) { totalCount edges { cursor node { id fullName email accountId } } } }'),
  },
  {
    name: 'opportunities: open of one owner, largest first, totalCount',
    body: request(
      'query ($owner: String) { opportunities(filter: { status: [OPEN], ownerId: $owner }, orderBy: { field: AMOUNT, direction: DESC }, first: 20) { totalCount edges { cursor node { id name accountName amount { amount currency } stage expectedCloseDate } } } }',
      () => ({ owner: pick(owners) }),
    ),
    target: '>= 0.33x',
  },
  {
    name: 'pipeline: every stage, amounts per currency',
    body: request('{ pipeline { stages { stage probability count amounts { amount currency } weightedAmounts { amount currency } } } }'),
    target: '>= 0.5x',
  },
];

const TRIVIAL = request('{ __typename }');

/** Every query answers without errors before it is measured: a GraphQL error still comes back as a 200. */
const checkAnswers = async (url: string, token: string, queries: readonly ListQuery[]): Promise<void> => {
  for (const query of queries) {
    const { query: text, variables } = JSON.parse(query.body()) as { query: string; variables: Record<string, unknown> };
    await gql(url, token, text, variables);
  }
};

const measure = async (server: BenchServer, token: string, body: () => string): Promise<Load> => {
  await load(server, token, CONNECTIONS, body, WARM_UP_SECONDS);
  return load(server, token, CONNECTIONS, body, SECONDS);
};

/**
 * List and search queries and the pipeline over HTTP at a seeded CRM (`crm seed`'s demo data,
 * BENCH_LIST_LEADS leads), each beside `{ __typename }` on the same server in the same run: the
 * cost of HTTP, authentication and GraphQL with no data read. The trivial query is measured before
 * and after the lists, and their mean is the baseline, so a drift of a shared machine shows.
 */
export async function benchLists(): Promise<BenchRow[]> {
  const tmp = tempDir('crm-bench-lists-');
  await seedListsData(tmp.dir, LEADS, process.env.BENCH_SEED_CACHE);
  const server = await startBenchServer(tmp.dir, SECRET);
  try {
    const token = await signToken({ sub: 'bench', roles: ['admin'] }, SECRET);
    await waitForProjections(server.url, token);
    const queries = listQueries(await searchWords(server.url, token), await ownersOf(server.url, token));
    await checkAnswers(server.url, token, queries);
    const before = await measure(server, token, TRIVIAL);
    const runs: Array<{ query: ListQuery; run: Load }> = [];
    for (const query of queries) runs.push({ query, run: await measure(server, token, query.body) });
    const after = await measure(server, token, TRIVIAL);
    const baseline = { name: '{ __typename }, same server', value: (before.requests + after.requests) / 2 };
    const errors = [before, after, ...runs.map(({ run }) => run)].reduce((sum, run) => sum + run.non2xx, 0);
    const scale = `${LEADS.toLocaleString('en-US')}-lead seed, ${CONNECTIONS} connections`;
    return [
      { name: `{ __typename } before the lists (${scale})`, value: before.requests, unit: 'req/s' },
      { name: '{ __typename } after the lists', value: after.requests, unit: 'req/s' },
      ...runs.map(({ query, run }) => ({ name: query.name, value: run.requests, unit: 'req/s', baseline, ...(query.target ? { target: query.target } : {}) })),
      ...runs.map(({ query, run }) => ({ name: `  p99, ${query.name.split(':')[0]}`, value: run.p99, unit: 'ms' })),
      ...(before.serverCpuUs === null
        ? []
        : runs.map(({ query, run }) => ({
            name: `  server CPU per request, ${query.name.split(':')[0]}`,
            value: run.serverCpuUs ?? 0,
            unit: 'us',
            baseline: { name: '{ __typename }', value: before.serverCpuUs ?? 0 },
          }))),
      { name: 'HTTP errors and non-2xx answers during the runs', value: errors, unit: 'responses' },
    ];
  } finally {
    await server.stop();
    tmp.cleanup();
  }
}
