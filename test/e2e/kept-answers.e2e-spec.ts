import { AnswerCache } from '../../apps/api/src/shared/answer-cache';
import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OPEN_DEALS = `{ opportunities(filter: { status: [OPEN], currency: "EUR" }, orderBy: { field: AMOUNT, direction: DESC }, first: 3) {
  totalCount edges { node { id amount { amount } } } } }`;
const PROSPECTING = '{ pipeline(filter: { currency: "EUR" }) { stages { stage count amounts { amount } } } }';
const NEW_LEADS = '{ leads(filter: { status: [NEW] }, first: 1) { totalCount } }';
const ACCOUNTS = '{ accounts(first: 2) { totalCount edges { node { name openOpportunityCount } } } }';

/**
 * Counts, pages and the pipeline the API keeps between requests are never older than a write the
 * caller waited for (a mutation answers once the read models show it), while other clients keep
 * asking the same questions all along, so every answer is kept and asked for again at once.
 */
describe('answers kept between requests, over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  const run = async (query: string, variables: Data = {}): Promise<Data> => {
    const result = await server.gql<Data>(rep, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };

  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep', 'rep-anna');
  });
  afterAll(async () => server.stop());

  it('answers every count, page and pipeline with the write just made, while others read the same', async () => {
    const account = (await run('mutation { registerAccount(input: { name: "Altijd Actueel B.V.", kind: COMPANY }) { account { id } } }')).registerAccount.account.id;
    let reading = true;
    const readers = Array.from({ length: 4 }, async () => {
      let reads = 0;
      while (reading) {
        await Promise.all([run(OPEN_DEALS), run(PROSPECTING), run(NEW_LEADS), run(ACCOUNTS)]);
        reads++;
      }
      return reads;
    });
    try {
      for (let deal = 1; deal <= 12; deal++) {
        // Asked right before the write, so the answer of the previous write is kept when it lands.
        expect((await run(OPEN_DEALS)).opportunities.totalCount).toBe(deal - 1);
        const opened = (await run(`mutation ($a: ID!, $amount: Decimal!) { openOpportunity(input: { accountId: $a, name: "Deal", amount: $amount,
          currency: "EUR", expectedCloseDate: "2027-06-30" }) { opportunity { id } } }`, { a: account, amount: `${deal}00.00` })).openOpportunity.opportunity.id;
        const deals = (await run(OPEN_DEALS)).opportunities;
        expect(deals.totalCount).toBe(deal);
        expect(deals.edges[0].node).toEqual({ id: opened, amount: { amount: `${deal}00.00` } });
        const prospecting = (await run(PROSPECTING)).pipeline.stages.find((stage: Data) => stage.stage === 'PROSPECTING');
        expect(prospecting).toEqual({ stage: 'PROSPECTING', count: deal, amounts: [{ amount: `${(deal * (deal + 1)) / 2}00.00` }] });
        expect((await run(ACCOUNTS)).accounts.edges[0].node).toEqual({ name: 'Altijd Actueel B.V.', openOpportunityCount: deal });

        expect((await run(NEW_LEADS)).leads.totalCount).toBe(deal - 1);
        await run(`mutation ($email: String!) { captureLead(input: { firstName: "Vera", lastName: "Vers", email: $email, companyName: "Vers B.V.",
          source: WEB_FORM }) { lead { id } } }`, { email: `vera${deal}@vers.nl` });
        expect((await run(NEW_LEADS)).leads.totalCount).toBe(deal);
      }
    } finally {
      reading = false;
    }
    for (const reads of await Promise.all(readers)) expect(reads).toBeGreaterThan(0);
  });

  it('keeps nothing a person can be found by: no searched name, no email, no page of leads or contacts', async () => {
    await run('mutation { captureLead(input: { firstName: "Zoekbare", lastName: "Persoon", email: "zoekbaar@persoon.nl", companyName: "Zoek B.V.", source: WEB_FORM }) { lead { id } } }');
    for (let i = 0; i < 2; i++) {
      expect((await run('{ leads(filter: { search: "zoekbare" }) { totalCount edges { node { lastName } } } }')).leads.totalCount).toBe(1);
      await run('{ contacts(filter: { email: "zoekbaar@persoon.nl" }) { totalCount } }');
      await run('{ contacts(filter: { search: "zoekbare" }) { totalCount } }');
      await run('{ leads(filter: { status: [NEW] }) { totalCount edges { node { lastName } } } }');
    }
    const kept = server.embedded.app.get(AnswerCache).keys();
    expect(kept.some(({ key }) => key.startsWith('count') && key.includes('NEW'))).toBe(true);
    expect(kept.filter(({ key }) => /zoek|persoon/i.test(key))).toEqual([]);
    expect(kept.filter(({ logical, key }) => (logical === 'leads' || logical === 'contacts') && key.startsWith('page'))).toEqual([]);
  });
});
