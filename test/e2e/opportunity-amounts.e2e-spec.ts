import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const LIST = `query ($filter: OpportunityFilter, $direction: SortDirection!, $first: Int, $after: String) {
  opportunities(filter: $filter, orderBy: { field: AMOUNT, direction: $direction }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { amount { amount currency } } } } }`;

/** Beyond 2^53 cents (9007199254740992): as minor units in a float, .92 and .93 are one number. */
const HUGE_LOW = '90071992547409.92';
const HUGE_HIGH = '90071992547409.93';

/**
 * Money in lists over HTTP: ordering by amount groups currencies and orders exactly within each, pages
 * stay stable across the currency boundary, and amount filters compare exact decimals.
 */
describe('opportunity amounts in lists, over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  const run = async (query: string, variables: Data = {}): Promise<Data> => {
    const result = await server.gql<Data>(rep, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };
  const amounts = (page: Data): string[] => page.opportunities.edges.map((e: Data) => `${e.node.amount.amount} ${e.node.amount.currency}`);
  const listed = async (variables: Data): Promise<string[]> => amounts(await run(LIST, variables));

  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep', 'rep-anna');
    const account = (await run('mutation { registerAccount(input: { name: "Bedrag B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
    const deals = [['100.00', 'EUR'], ['9.50', 'EUR'], [HUGE_HIGH, 'EUR'], ['10.00', 'EUR'], [HUGE_LOW, 'EUR'], ['9.99', 'USD'], ['1000000000000000.00', 'USD'], ['100.00', 'USD']];
    for (const [amount, currency] of deals) {
      await run(`mutation ($a: ID!, $amount: Decimal!, $currency: String!) { openOpportunity(input: { accountId: $a, name: "Deal", amount: $amount,
        currency: $currency, expectedCloseDate: "2027-01-31" }) { revision } }`, { a: account, amount, currency });
    }
  });
  afterAll(async () => server.stop());

  const ascending = ['9.50 EUR', '10.00 EUR', '100.00 EUR', `${HUGE_LOW} EUR`, `${HUGE_HIGH} EUR`, '9.99 USD', '100.00 USD', '1000000000000000.00 USD'];

  it('orders by currency, then by the exact amount, in both directions', async () => {
    expect(await listed({ direction: 'ASC' })).toEqual(ascending);
    expect(await listed({ direction: 'DESC' })).toEqual([...ascending].reverse());
  });

  it('walks pages of two across the currency boundary to the same order, with the same totalCount on each', async () => {
    for (const direction of ['ASC', 'DESC']) {
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const page: Data = await run(LIST, { direction, first: 2, after });
        expect(page.opportunities.totalCount).toBe(ascending.length);
        walked.push(...amounts(page));
        after = page.opportunities.pageInfo.hasNextPage ? page.opportunities.pageInfo.endCursor : null;
      } while (after !== null);
      expect(walked).toEqual(direction === 'ASC' ? ascending : [...ascending].reverse());
    }
  });

  it('walks backwards with last/before to the same order, each page saying what lies before and after it', async () => {
    const BACKWARD = `query ($direction: SortDirection!, $last: Int, $before: String) {
      opportunities(orderBy: { field: AMOUNT, direction: $direction }, last: $last, before: $before) {
        pageInfo { hasPreviousPage hasNextPage startCursor } edges { node { amount { amount currency } } } } }`;
    for (let round = 0; round < 2; round++) {
      const walked: string[] = [];
      let before: string | null = null;
      do {
        const page: Data = await run(BACKWARD, { direction: 'ASC', last: 3, before });
        expect(page.opportunities.pageInfo.hasNextPage).toBe(before !== null);
        walked.unshift(...amounts(page));
        before = page.opportunities.pageInfo.hasPreviousPage ? page.opportunities.pageInfo.startCursor : null;
      } while (before !== null);
      expect(walked).toEqual(ascending);
    }
    expect(await listed({ direction: 'ASC', first: 2 })).toEqual(ascending.slice(0, 2));
    expect(amounts(await run(BACKWARD, { direction: 'ASC', last: 2 }))).toEqual(ascending.slice(-2));
  });

  it('orders a search by amount, and pages a search by its edge cursors, kept or not', async () => {
    const SEARCHED = `query ($orderBy: OpportunityOrder, $first: Int, $after: String) {
      opportunities(filter: { search: "deal bedrag" }, orderBy: $orderBy, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { amount { amount currency } } } } }`;
    expect(amounts(await run(SEARCHED, { orderBy: { field: 'AMOUNT', direction: 'DESC' } }))).toEqual([...ascending].reverse());
    const best = amounts(await run(SEARCHED, {}));
    expect([...best].sort()).toEqual([...ascending].sort());
    for (let round = 0; round < 2; round++) {
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const page: Data = (await run(SEARCHED, { first: 3, after })).opportunities;
        expect(page.totalCount).toBe(ascending.length);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        walked.push(...amounts({ opportunities: page }));
        // The last edge's own cursor, as a client paging by edges uses it: it holds the relevance score.
        after = page.pageInfo.hasNextPage ? page.edges[page.edges.length - 1].cursor : null;
      } while (after !== null);
      expect(walked).toEqual(best);
    }
  });

  it('filters amounts as exact decimals within the currency given', async () => {
    const within = (filter: Data) => listed({ direction: 'ASC', filter: { currency: 'EUR', ...filter } });
    expect(await within({ minAmount: '9.5', maxAmount: '100' })).toEqual(['9.50 EUR', '10.00 EUR', '100.00 EUR']);
    expect(await within({ minAmount: '9.505' })).toEqual(['10.00 EUR', '100.00 EUR', `${HUGE_LOW} EUR`, `${HUGE_HIGH} EUR`]);
    expect(await within({ minAmount: HUGE_HIGH })).toEqual([`${HUGE_HIGH} EUR`]);
    expect(await within({ maxAmount: HUGE_LOW, minAmount: '100.000001' })).toEqual([`${HUGE_LOW} EUR`]);
    expect(await within({ maxAmount: '-1' })).toEqual([]);
    const usd = await run(LIST, { direction: 'DESC', filter: { currency: 'usd', minAmount: '100' } });
    expect(amounts(usd)).toEqual(['1000000000000000.00 USD', '100.00 USD']);
    expect(usd.opportunities.totalCount).toBe(2);
  });

  it('refuses an amount filter without a known currency, naming the field', async () => {
    const refused = async (filter: Data) => (await server.gql(rep, LIST, { direction: 'ASC', filter })).errors?.[0].extensions;
    expect(await refused({ minAmount: '10' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'filter.currency' })] });
    expect(await refused({ minAmount: '10', currency: 'ZZZ' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'filter.currency' })] });
    expect(await refused({ minAmount: '1e3', currency: 'EUR' })).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
