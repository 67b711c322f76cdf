import { gql } from './api.bench';

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];

/** One query of the lists suite: a body per request (variables may change), and the target of its ratio. */
export interface ListQuery {
  name: string;
  body: () => string;
  target?: string;
}

const request = (query: string, variables: () => Record<string, unknown> = () => ({})) => (): string =>
  JSON.stringify({ query, variables: variables() });

type Names = { firstName: string | null; lastName: string | null };

const mostFrequent = (names: ReadonlyArray<string | null>, count: number): string[] => {
  const counts = new Map<string, number>();
  for (const name of names) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name]) => name);
};

const SEARCH = 'query ($q: String) { leads(filter: { search: $q }, first: 20) { totalCount edges { node { id fullName companyName status } } } }';

/**
 * Words people search leads by, from the seeded data: the four most frequent first names and last
 * names of a sample. The query stays `leads(filter: { search })` whatever search does, and the mean
 * number of leads each word finds is reported beside it, so a figure says what it searched.
 */
export const searchWords = async (url: string, token: string): Promise<{ words: string[]; meanMatches: number }> => {
  const { leads } = await gql(url, token, '{ leads(first: 250) { edges { node { firstName lastName } } } }');
  const people = (leads.edges as Array<{ node: Names }>).map(({ node }) => node);
  const words = [...mostFrequent(people.map((p) => p.firstName), 4), ...mostFrequent(people.map((p) => p.lastName), 4)];
  let matches = 0;
  for (const q of words) matches += (await gql(url, token, SEARCH, { q })).leads.totalCount as number;
  return { words, meanMatches: matches / words.length };
};

export const ownersOf = async (url: string, token: string): Promise<string[]> => {
  const { opportunities } = await gql(url, token, '{ opportunities(first: 200) { edges { node { ownerId } } } }');
  return [...new Set((opportunities.edges as Array<{ node: { ownerId: string } }>).map(({ node }) => node.ownerId))];
};

/** Search, each root list filtered and sorted with its totalCount, and the pipeline, as a client asks them. */
export const listQueries = (words: readonly string[], owners: readonly string[]): ListQuery[] => [
  {
    name: `search: leads(filter: { search }), totalCount, ${words.length} seeded names`,
    body: request(SEARCH, () => ({ q: pick(words) })),
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
