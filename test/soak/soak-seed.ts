import { DEFAULT_PIPELINE_ID } from '@crm/domain';
import { gql } from '../bench/api.bench';
import { searchWords } from '../bench/lists-bench-queries';
import type { SoakSeed } from './soak-mix';

const OPEN_IN_DEFAULT = `query ($after: String) {
  opportunities(filter: { status: [OPEN], pipelineId: ["${DEFAULT_PIPELINE_ID}"] }, first: 100, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;

/** Open opportunities of the default pipeline (whose stage keys the mix uses), up to `most`. */
const openOpportunities = async (url: string, token: string, most: number): Promise<string[]> => {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < most) {
    const { opportunities } = await gql(url, token, OPEN_IN_DEFAULT, { after });
    ids.push(...(opportunities.edges as Array<{ node: { id: string } }>).map(({ node }) => node.id));
    if (!opportunities.pageInfo.hasNextPage) break;
    after = opportunities.pageInfo.endCursor;
  }
  return ids.slice(0, most);
};

/** What the mix takes from the seeded data, read through the API as a client would. */
export const soakSeed = async (url: string, token: string): Promise<SoakSeed> => {
  const opportunityIds = await openOpportunities(url, token, 500);
  if (opportunityIds.length === 0) throw new Error('The seeded data has no open opportunity in the default pipeline');
  return { opportunityIds, searchWords: (await searchWords(url, token)).words };
};
