import { startServer, type RunningServer } from '../support/running-server';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The whole story of one deal, as a sales team, a manager, an auditor and an analyst would live it,
 * over real HTTP against the running process.
 */
describe('a lead becomes a customer: the whole story over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  const run = async (token: string, query: string, variables: Data = {}): Promise<Data> => {
    const result = await server.gql<Data>(token, query, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!;
  };

  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep', 'rep-anna');
  });
  afterAll(async () => server.stop());

  it('captures, converts, grows the account, moves and closes deals, and every view agrees', async () => {
    const lead = (await run(rep, `mutation { captureLead(input: { firstName: "Pieter", lastName: "Smit", email: "pieter@dekoffiebrander.nl",
      companyName: "De Koffiebrander B.V.", companyDomain: "dekoffiebrander.nl", source: EVENT }) { lead { id } } }`)).captureLead.lead.id;
    await run(rep, `mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }`, { id: lead });
    const beforeQualify = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await run(rep, `mutation ($id: ID!) { qualifyLead(input: { leadId: $id }) { revision } }`, { id: lead });
    const converted = (await run(rep, `mutation ($id: ID!) { convertLead(input: { leadId: $id, account: { kind: COMPANY, industry: "Food" },
      opportunity: { name: "Espresso machines", amount: "30000.00", currency: "EUR", expectedCloseDate: "2027-03-31" } }) {
        account { id singleThreaded activeContactCount } contact { id } opportunity { id stage } } }`, { id: lead })).convertLead;
    const accountId = converted.account.id;
    expect(converted.account).toMatchObject({ singleThreaded: true, activeContactCount: 1 });
    expect(converted.opportunity.stage).toBe('PROSPECTING');

    const second = (await run(rep, `mutation ($a: ID!) { addContact(input: { accountId: $a, firstName: "Fatima", lastName: "El Amrani",
      email: "fatima@dekoffiebrander.nl", relationship: EMPLOYEE }) { contact { id } } }`, { a: accountId })).addContact.contact.id;
    const other = (await run(rep, `mutation ($a: ID!) { openOpportunity(input: { accountId: $a, name: "Grinders", amount: "12000.50",
      currency: "EUR", expectedCloseDate: "2027-02-15", ownerId: "rep-bram" }) { opportunity { id status } } }`, { a: accountId })).openOpportunity.opportunity;
    await run(rep, `mutation ($o: ID!, $c: ID!) { assignContactRole(input: { opportunityId: $o, contactId: $c, role: DECISION_MAKER, primary: true }) { revision } }`, { o: other.id, c: second });

    for (const stage of ['QUALIFICATION', 'PROPOSAL', 'NEGOTIATION']) {
      await run(rep, `mutation ($o: ID!, $s: String!) { changeOpportunityStage(input: { opportunityId: $o, stage: $s }) { opportunity { stage probability } } }`, { o: converted.opportunity.id, s: stage });
    }
    const pipelineOpen = (await run(rep, `{ pipeline { stages { stage count amounts { amount currency } weightedAmounts { amount } } } }`)).pipeline.stages;
    expect(pipelineOpen.find((s: Data) => s.stage === 'NEGOTIATION')).toMatchObject({ count: 1, amounts: [{ amount: '30000.00', currency: 'EUR' }], weightedAmounts: [{ amount: '24000.00' }] });
    expect(pipelineOpen.find((s: Data) => s.stage === 'PROSPECTING')).toMatchObject({ count: 1, weightedAmounts: [{ amount: '1200.05' }] });

    const won = (await run(rep, `mutation ($o: ID!) { winOpportunity(input: { opportunityId: $o }) { opportunity { status stage } } }`, { o: converted.opportunity.id })).winOpportunity;
    expect(won.opportunity).toEqual({ status: 'WON', stage: 'CLOSED_WON' });
    await run(rep, `mutation ($o: ID!) { loseOpportunity(input: { opportunityId: $o, reason: LOST_TO_COMPETITOR, competitor: "Bonen & Co" }) { revision } }`, { o: other.id });

    const account = (await run(rep, `query ($a: ID!) { account(id: $a) { singleThreaded activeContactCount contactCount openOpportunityCount
      openPipeline { amount } wonAmount { amount currency } contacts { totalCount edges { node { lastName } } } opportunities { totalCount edges { node { name status } } } } }`, { a: accountId })).account;
    expect(account).toMatchObject({ singleThreaded: false, activeContactCount: 2, contactCount: 2, openOpportunityCount: 0, openPipeline: [], wonAmount: [{ amount: '30000.00', currency: 'EUR' }] });
    expect(account.contacts.edges.map((e: Data) => e.node.lastName)).toEqual(['El Amrani', 'Smit']);
    expect(account.opportunities.edges.map((e: Data) => [e.node.name, e.node.status])).toEqual([['Grinders', 'LOST'], ['Espresso machines', 'WON']]);

    const pipeline = (await run(rep, `{ pipeline(filter: { currency: "EUR" }) { stages { stage count amounts { amount } } } }`)).pipeline.stages;
    expect(pipeline.map((s: Data) => [s.stage, s.count])).toEqual([
      ['PROSPECTING', 0], ['QUALIFICATION', 0], ['PROPOSAL', 0], ['NEGOTIATION', 0], ['CLOSED_WON', 1], ['CLOSED_LOST', 1],
    ]);
    const funnel = (await run(rep, `{ leadFunnel(filter: { source: EVENT }) { sources { source captured qualified converted qualificationRate conversionRate medianHoursToQualify } } }`)).leadFunnel.sources;
    expect(funnel).toEqual([expect.objectContaining({ source: 'EVENT', captured: 1, qualified: 1, converted: 1, qualificationRate: 1, conversionRate: 1 })]);

    const auditor = await server.token('auditor', 'audit-1');
    const history = (await run(auditor, `query ($id: ID!) { history(stream: { type: LEAD, id: $id }, first: 10) { totalCount edges { node {
      revision position type actor commandId correlationId causationId occurredAt recordedAt data } } } }`, { id: lead })).history;
    expect(history.edges.map((e: Data) => e.node.type)).toEqual(['LeadCaptured', 'LeadWorkingStarted', 'LeadQualified', 'LeadConverted']);
    expect(history.edges.every((e: Data) => e.node.actor === 'rep-anna')).toBe(true);
    const asOf = (await run(auditor, `query ($id: ID!, $t: DateTime) { lead(id: $id, asOf: $t) { status revision } }`, { id: lead, t: beforeQualify })).lead;
    expect(asOf).toEqual({ status: 'WORKING', revision: 1 });
    const entitiesAsOf = `query ($a: ID!, $o: ID!, $c: ID!, $t: DateTime) { account(id: $a, asOf: $t) { name } contact(id: $c, asOf: $t) { status accountId }
      opportunity(id: $o, asOf: $t) { stage status amount { amount } lossReason competitor } }`;
    const ids = { a: accountId, o: other.id, c: second };
    expect((await run(auditor, entitiesAsOf, { ...ids, t: beforeQualify }))).toEqual({ account: null, contact: null, opportunity: null });
    expect((await run(auditor, entitiesAsOf, { ...ids, t: new Date().toISOString() }))).toEqual({
      account: { name: 'De Koffiebrander B.V.' },
      contact: { status: 'ACTIVE', accountId },
      opportunity: { stage: 'CLOSED_LOST', status: 'LOST', amount: { amount: '12000.50' }, lossReason: 'LOST_TO_COMPETITOR', competitor: 'Bonen & Co' },
    });

    const forbidden = await server.gql(rep, `query ($id: ID!) { history(stream: { type: LEAD, id: $id }) { totalCount } }`, { id: lead });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const analyst = await server.token('analyst');
    const rebuilt = (await run(analyst, `mutation { rebuildProjection(input: { name: "accounts" }) { projection { name state } } }`)).rebuildProjection;
    expect(rebuilt.projection.name).toBe('accounts');
    const stateOfAccounts = async (): Promise<string> =>
      (await run(analyst, '{ projections { name state } }')).projections.find((p: Data) => p.name === 'accounts').state;
    for (let i = 0; i < 100 && (await stateOfAccounts()) !== 'LIVE'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stateOfAccounts()).toBe('LIVE');
    const rebuiltAccount = (await run(rep, `query ($a: ID!) { account(id: $a) { activeContactCount singleThreaded } }`, { a: accountId })).account;
    expect(rebuiltAccount).toEqual({ activeContactCount: 2, singleThreaded: false });
    expect((await server.gql(rep, `mutation { rebuildProjection(input: { name: "accounts" }) { projection { name } } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const projections = (await run(analyst, `{ projections { name version position headPosition lag state } }`)).projections;
    expect(projections.map((p: Data) => p.name)).toEqual(expect.arrayContaining(['leads', 'accounts', 'contacts', 'opportunities', 'pipeline']));
  });
});
