import { countReadStoreReads } from '../support/read-store-reads';
import { startServer, type GqlResponse, type RunningServer } from '../support/running-server';

const aliases = (count: number, field: string): string => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const NESTED = 'query ($n: Int!) { accounts(first: $n) { edges { node { name contacts(first: $n) { edges { node { id } } } } } } }';

describe('the cost limit, over real HTTP', () => {
  let server: RunningServer;
  let rep: string;
  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep');
  });
  afterAll(async () => server.stop());

  /** The answer, and how many reads the read store served for it. */
  const run = async (query: string, variables?: Record<string, unknown>): Promise<[GqlResponse<Record<string, unknown>>, number]> => {
    const reads = countReadStoreReads(server);
    try {
      return [await server.gql(rep, query, variables), reads.count()];
    } finally {
      reads.stop();
    }
  };

  it('refuses sixty aliases of a full page of leads before reading anything', async () => {
    const [answer, reads] = await run(aliases(60, 'leads(first: 500) { edges { node { id } } }'));
    expect([answer.status, answer.data, reads]).toEqual([400, null, 0]);
    // The alias limit (15) refuses this document at validation, before the cost is weighed.
    expect(answer.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['GRAPHQL_VALIDATION_FAILED', expect.stringContaining('Aliases limit of 15')]]);
  });

  it('weighs first: fifteen aliases of a full page of leads cost too much, and nothing is read', async () => {
    const [answer, reads] = await run(aliases(15, 'leads(first: 500) { edges { node { id status source ownerId companyName capturedAt } } }'));
    expect([answer.status, answer.data, reads]).toEqual([400, null, 0]);
    expect(answer.errors).toEqual([{
      message: expect.stringContaining('This query costs 60015, more than the 50000 one request may cost'),
      extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COSTLY', cost: 60015, maximumCost: 50000, fields: [{ field: 'query', message: expect.any(String) }] },
    }]);
  });

  it('multiplies nested connections, with first taken from the variables', async () => {
    const [tooMuch, readsRefused] = await run(NESTED, { n: 500 });
    expect([tooMuch.status, tooMuch.errors?.[0].extensions?.reason, readsRefused]).toEqual([400, 'QUERY_TOO_COSTLY', 0]);
    const [fine, readsAnswered] = await run(NESTED, { n: 5 });
    expect([fine.status, fine.errors, fine.data]).toEqual([200, undefined, { accounts: { edges: [] } }]);
    expect(readsAnswered).toBeGreaterThan(0);
  });

  it('answers one full page of leads with many fields', async () => {
    const [answer] = await run('{ leads(first: 500) { totalCount edges { cursor node { id status firstName lastName email phone companyName source capturedAt revision } } } }');
    expect([answer.status, answer.errors, answer.data]).toEqual([200, undefined, { leads: { totalCount: 0, edges: [] } }]);
  });
});
