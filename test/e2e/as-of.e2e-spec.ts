import { uuidV7At } from '@crm/application';
import { startServer, type RunningServer } from '../support/running-server';
import {
  ADD_CONTACT, CAPTURE, CONVERT, MOVE_CONTACT, OPEN, QUALIFY, REGISTER, deal, instantBetweenWrites, lead, runner, type Data,
} from '../support/graph-fixtures';

const ACCOUNT_AS_OF = `query ($id: ID!, $t: DateTime) { account(id: $id, asOf: $t) {
  name createdAt updatedAt revision contactCount activeContactCount singleThreaded openOpportunityCount
  openPipeline { amount currency } wonAmount { amount }
  contacts { totalCount edges { node { lastName jobTitle status accountId account { name } } } }
  opportunities { totalCount edges { node { name stage amount { amount } accountName account { name } } } }
  children { totalCount edges { node { name parent { name } } } }
} }`;

const lastNames = (connection: Data): string[] => connection.edges.map((edge: Data) => edge.node.lastName);

/**
 * asOf over HTTP: every field of an entity as of the instant or null, and its links and nested lists
 * as of the same instant, around a contact that moves, a deal that opens and changes, an account
 * renamed and a child account added.
 */
describe('asOf without invention, over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  let auditor: string;
  let run: ReturnType<typeof runner>;
  const at: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    rep = await server.token('rep');
    auditor = await server.token('auditor');
    const register = async (name: string, parentAccountId?: string) => (await run(rep, REGISTER, { input: { name, kind: 'COMPANY', parentAccountId } })).registerAccount.account.id;
    const addContact = async (accountId: string, lastName: string) =>
      (await run(rep, ADD_CONTACT, { input: { accountId, firstName: 'Anna', lastName, relationship: 'EMPLOYEE' } })).addContact.contact.id;

    id.acme = await register('Acme');
    id.globex = await register('Globex');
    at.registered = await instantBetweenWrites();
    id.jane = await addContact(id.acme, 'Jansen');
    id.piet = await addContact(id.acme, 'Pieters');
    at.twoContacts = await instantBetweenWrites();
    id.deal = (await run(rep, OPEN, { input: deal(id.acme, 'Ovens', '5000.00') })).openOpportunity.opportunity.id;
    at.dealOpened = await instantBetweenWrites();
    await run(rep, MOVE_CONTACT, { input: { contactId: id.jane, toAccountId: id.globex, jobTitle: 'CTO' } });
    at.janeMoved = await instantBetweenWrites();
    await run(rep, `mutation ($input: UpdateAccountDetailsInput!) { updateAccountDetails(input: $input) { revision } }`, { input: { accountId: id.acme, name: 'Acme Holding' } });
    await run(rep, `mutation ($input: ChangeOpportunityStageInput!) { changeOpportunityStage(input: $input) { revision } }`, { input: { opportunityId: id.deal, stage: 'PROPOSAL' } });
    await run(rep, `mutation ($input: ReviseOpportunityInput!) { reviseOpportunity(input: $input) { revision } }`, { input: { opportunityId: id.deal, amount: '7000.00' } });
    id.branch = await register('Acme Zuid', id.acme);
    id.lead = (await run(rep, CAPTURE, { input: lead('Verbeek') })).captureLead.lead.id;
    await run(rep, QUALIFY, { input: { leadId: id.lead } });
    at.leadQualified = await instantBetweenWrites();
    await run(rep, CONVERT, { input: { leadId: id.lead, existingAccountId: id.globex } });
  });
  afterAll(async () => server.stop());

  const accountAsOf = async (accountId: string, t: string): Promise<Data> => (await run(auditor, ACCOUNT_AS_OF, { id: accountId, t })).account;

  it('shows an account with two contacts and no deal yet as it was: counts, flag and lists of then', async () => {
    const acme = await accountAsOf(id.acme, at.twoContacts);
    expect(acme).toMatchObject({
      name: 'Acme', revision: 0, contactCount: 2, activeContactCount: 2, singleThreaded: false, openOpportunityCount: 0, openPipeline: [], wonAmount: [],
      opportunities: { totalCount: 0, edges: [] },
      children: { totalCount: 0, edges: [] },
    });
    expect(acme.createdAt).toBe(acme.updatedAt);
    expect(acme.contacts.totalCount).toBe(2);
    expect(acme.contacts.edges.map((edge: Data) => edge.node)).toEqual([
      { lastName: 'Jansen', jobTitle: null, status: 'ACTIVE', accountId: id.acme, account: { name: 'Acme' } },
      { lastName: 'Pieters', jobTitle: null, status: 'ACTIVE', accountId: id.acme, account: { name: 'Acme' } },
    ]);
  });

  it('shows the deal once it was opened, as it was then, and its account under the name of then', async () => {
    const before = await accountAsOf(id.acme, at.twoContacts);
    const after = await accountAsOf(id.acme, at.dealOpened);
    expect(before).toMatchObject({ openOpportunityCount: 0, openPipeline: [] });
    expect(after).toMatchObject({ openOpportunityCount: 1, openPipeline: [{ amount: '5000.00', currency: 'EUR' }] });
    expect(after.opportunities).toEqual({
      totalCount: 1,
      edges: [{ node: { name: 'Ovens', stage: 'PROSPECTING', amount: { amount: '5000.00' }, accountName: 'Acme', account: { name: 'Acme' } } }],
    });
  });

  it('follows a contact who moved: gone from the old account and at the new one, from the instant of the move', async () => {
    expect(lastNames((await accountAsOf(id.acme, at.dealOpened)).contacts)).toEqual(['Jansen', 'Pieters']);
    const acme = await accountAsOf(id.acme, at.janeMoved);
    expect(acme).toMatchObject({ contactCount: 1, activeContactCount: 1, singleThreaded: true });
    expect(lastNames(acme.contacts)).toEqual(['Pieters']);
    const globex = await accountAsOf(id.globex, at.janeMoved);
    expect(globex).toMatchObject({ contactCount: 1, activeContactCount: 1, singleThreaded: true });
    expect(globex.contacts.edges.map((edge: Data) => edge.node)).toEqual([
      { lastName: 'Jansen', jobTitle: 'CTO', status: 'ACTIVE', accountId: id.globex, account: { name: 'Globex' } },
    ]);
    const CONTACT = `query ($id: ID!, $t: DateTime) { contact(id: $id, asOf: $t) { accountId jobTitle account { name contactCount } } }`;
    expect((await run(auditor, CONTACT, { id: id.jane, t: at.dealOpened })).contact).toEqual({ accountId: id.acme, jobTitle: null, account: { name: 'Acme', contactCount: 2 } });
    expect((await run(auditor, CONTACT, { id: id.jane, t: at.janeMoved })).contact).toEqual({ accountId: id.globex, jobTitle: 'CTO', account: { name: 'Globex', contactCount: 1 } });
  });

  it('pages a nested connection as of an instant backwards, in the order members joined', async () => {
    const PAGE = `query ($id: ID!, $t: DateTime) { account(id: $id, asOf: $t) { contacts(last: 1) { totalCount edges { node { lastName } } pageInfo { hasPreviousPage hasNextPage } } } }`;
    const contacts = (await run(auditor, PAGE, { id: id.acme, t: at.dealOpened })).account.contacts;
    expect(contacts).toEqual({ totalCount: 2, edges: [{ node: { lastName: 'Pieters' } }], pageInfo: { hasPreviousPage: true, hasNextPage: false } });
  });

  it('agrees with the read models as of now, and lists the child account added since', async () => {
    const now = await accountAsOf(id.acme, new Date().toISOString());
    const live = (await run(rep, ACCOUNT_AS_OF.replace(', asOf: $t', '').replace(', $t: DateTime', ''), { id: id.acme })).account;
    expect(now).toEqual(live);
    expect(now).toMatchObject({ name: 'Acme Holding', openPipeline: [{ amount: '7000.00' }], children: { totalCount: 1, edges: [{ node: { name: 'Acme Zuid', parent: { name: 'Acme Holding' } } }] } });
    expect(now.opportunities.edges[0].node).toMatchObject({ stage: 'PROPOSAL', accountName: 'Acme Holding' });
  });

  it('links a lead to what it became only from the instant it was converted', async () => {
    const LEAD = `query ($id: ID!, $t: DateTime) { lead(id: $id, asOf: $t) { status convertedAt convertedTo { account { name contactCount } contact { lastName account { name } } opportunity { id } } } }`;
    expect((await run(auditor, LEAD, { id: id.lead, t: at.leadQualified })).lead).toEqual({ status: 'QUALIFIED', convertedAt: null, convertedTo: null });
    const converted = (await run(auditor, LEAD, { id: id.lead, t: new Date().toISOString() })).lead;
    expect(converted).toMatchObject({
      status: 'CONVERTED',
      convertedTo: { account: { name: 'Globex', contactCount: 2 }, contact: { lastName: 'Verbeek', account: { name: 'Globex' } }, opportunity: null },
    });
    expect(converted.convertedAt).toEqual(expect.any(String));
  });

  it('stays right when a caller\'s version 7 commandIds make the ids sort against the writes', async () => {
    const back = (year: number) => uuidV7At(Date.UTC(year, 0, 1), 'as-of', String(year));
    const accountId = (await run(rep, REGISTER, { input: { name: 'Initech', kind: 'COMPANY', commandId: back(2031) } })).registerAccount.account.id;
    const dealId = (await run(rep, OPEN, { input: { ...deal(accountId, 'Printers'), commandId: back(2030) } })).openOpportunity.opportunity.id;
    const opened = await instantBetweenWrites();
    await run(rep, `mutation ($input: UpdateAccountDetailsInput!) { updateAccountDetails(input: $input) { revision } }`, { input: { accountId, name: 'Initech Holding', commandId: back(2029) } });
    await run(rep, `mutation ($input: ChangeOpportunityStageInput!) { changeOpportunityStage(input: $input) { revision } }`, { input: { opportunityId: dealId, stage: 'PROPOSAL', commandId: back(2028) } });
    expect(dealId < accountId).toBe(true);
    const HISTORY = 'query ($id: ID!) { history(stream: { type: OPPORTUNITY, id: $id }) { edges { node { id revision position } } } }';
    const events = (await run(auditor, HISTORY, { id: dealId })).history.edges.map((edge: Data) => edge.node);
    expect(events.map((event: Data) => event.revision)).toEqual([0, 1]);
    expect(events[1].id < events[0].id).toBe(true);
    const DEAL = 'query ($id: ID!, $t: DateTime) { opportunity(id: $id, asOf: $t) { stage accountName } }';
    expect((await run(auditor, DEAL, { id: dealId, t: opened })).opportunity).toEqual({ stage: 'PROSPECTING', accountName: 'Initech' });
    expect((await run(auditor, DEAL, { id: dealId, t: new Date().toISOString() })).opportunity).toEqual({ stage: 'PROPOSAL', accountName: 'Initech Holding' });
  });

  it('gives nothing for an account before it existed, and asOf only to auditors', async () => {
    expect(await accountAsOf(id.branch, at.janeMoved)).toBeNull();
    const refused = await server.gql(rep, ACCOUNT_AS_OF, { id: id.acme, t: at.twoContacts });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
