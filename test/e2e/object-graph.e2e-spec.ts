import { startServer, type RunningServer } from '../support/running-server';
import { ADD_CONTACT, CAPTURE, CONVERT, MOVE_CONTACT, OPEN, QUALIFY, REGISTER, deal, eventually, lead, runner, type Data } from '../support/graph-fixtures';

const ids = (connection: Data): string[] => connection.edges.map((edge: Data) => edge.node.id);
const names = (connection: Data, field: string): string[] => connection.edges.map((edge: Data) => edge.node[field]);

/** The object graph over real HTTP: every link walked, every kind of connection paged both ways. */
describe('the object graph over HTTP', () => {
  let server: RunningServer;
  let rep: string;
  let run: ReturnType<typeof runner>;
  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    rep = await server.token('rep');
  });
  afterAll(async () => server.stop());

  const register = async (name: string, parentAccountId?: string): Promise<string> =>
    (await run(rep, REGISTER, { input: { name, kind: 'COMPANY', parentAccountId } })).registerAccount.account.id;
  const addContact = async (accountId: string, lastName: string): Promise<string> =>
    (await run(rep, ADD_CONTACT, { input: { accountId, firstName: 'Joost', lastName, relationship: 'EMPLOYEE' } })).addContact.contact.id;

  it('walks from a converted lead to what it became, and from each of those to its account', async () => {
    const leadId = (await run(rep, CAPTURE, { input: lead('Mulder') })).captureLead.lead.id;
    const LINKS = `query ($id: ID!) { lead(id: $id) { status convertedTo {
      account { id name } contact { id account { id } } opportunity { id name account { id } } } } }`;
    expect((await run(rep, LINKS, { id: leadId })).lead).toEqual({ status: 'NEW', convertedTo: null });
    await run(rep, QUALIFY, { input: { leadId } });
    const opportunity = { name: 'Kickoff', amount: '2500.00', currency: 'EUR', expectedCloseDate: '2027-04-30' };
    const converted = (await run(rep, CONVERT, { input: { leadId, account: { kind: 'COMPANY' }, opportunity } })).convertLead;
    const walked = await eventually(async () => (await run(rep, LINKS, { id: leadId })).lead, (l) => l.convertedTo?.opportunity !== null);
    expect(walked).toEqual({
      status: 'CONVERTED',
      convertedTo: {
        account: { id: converted.account.id, name: 'Mulder B.V.' },
        contact: { id: converted.contact.id, account: { id: converted.account.id } },
        opportunity: { id: converted.opportunity.id, name: 'Kickoff', account: { id: converted.account.id } },
      },
    });
  });

  it('walks an account\'s parent and children, and a contact role to its contact and that contact\'s account', async () => {
    const parent = await register('Groep Noord');
    const child = await register('Noord Zwolle', parent);
    const other = await register('Noord Assen', parent);
    const contact = await addContact(child, 'Bakker');
    const opportunityId = (await run(rep, OPEN, { input: { ...deal(child, 'Onderhoud'), primaryContactId: contact } })).openOpportunity.opportunity.id;
    await run(rep, `mutation ($input: AssignContactRoleInput!) { assignContactRole(input: $input) { revision } }`,
      { input: { opportunityId, contactId: contact, role: 'ECONOMIC_BUYER', primary: true } });
    const account = (await run(rep, `query ($id: ID!) { account(id: $id) { parent { id parent { id } children { totalCount edges { node { id name } } } } } }`, { id: child })).account;
    expect(account.parent).toMatchObject({ id: parent, parent: null, children: { totalCount: 2 } });
    expect(names(account.parent.children, 'name')).toEqual(['Noord Assen', 'Noord Zwolle']);
    expect(ids(account.parent.children)).toEqual([other, child]);
    const roles = (await run(rep, `query ($id: ID!) { opportunity(id: $id) { account { id } contactRoles { role primary contact { id lastName account { id name } } } } }`, { id: opportunityId })).opportunity;
    expect(roles.account).toEqual({ id: child });
    expect(roles.contactRoles).toContainEqual({ role: 'ECONOMIC_BUYER', primary: true, contact: { id: contact, lastName: 'Bakker', account: { id: child, name: 'Noord Zwolle' } } });
    await run(rep, MOVE_CONTACT, { input: { contactId: contact, toAccountId: other } });
    const moved = await eventually(async () => (await run(rep, `query ($id: ID!) { contact(id: $id) { account { id } } }`, { id: contact })).contact, (c) => c.account?.id === other);
    expect(moved).toEqual({ account: { id: other } });
  });

  it('pages a root list backwards and forwards to the same items, with exact page flags', async () => {
    for (const lastName of ['Aalbers', 'Brink', 'Claassen', 'Dekker', 'Evers']) await run(rep, CAPTURE, { input: lead(lastName, 'IMPORT') });
    const LIST = `query ($first: Int, $after: String, $last: Int, $before: String) {
      leads(filter: { source: [IMPORT] }, orderBy: { field: LAST_NAME, direction: ASC }, first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { lastName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const tail = (await run(rep, LIST, { last: 2 })).leads;
    expect(names(tail, 'lastName')).toEqual(['Dekker', 'Evers']);
    expect(tail).toMatchObject({ totalCount: 5, pageInfo: { hasPreviousPage: true, hasNextPage: false, startCursor: tail.edges[0].cursor } });
    const middle = (await run(rep, LIST, { last: 2, before: tail.pageInfo.startCursor })).leads;
    expect(names(middle, 'lastName')).toEqual(['Brink', 'Claassen']);
    expect(middle.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const head = (await run(rep, LIST, { last: 2, before: middle.pageInfo.startCursor })).leads;
    expect(names(head, 'lastName')).toEqual(['Aalbers']);
    expect(head.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const forwards = (await run(rep, LIST, { first: 3, after: head.pageInfo.endCursor })).leads;
    expect(names(forwards, 'lastName')).toEqual(['Brink', 'Claassen', 'Dekker']);
    expect(forwards.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('pages a nested connection backwards, per account', async () => {
    const account = await register('Veenstra Bouw');
    for (const lastName of ['de Vries', 'Jansen', 'Smit', 'Visser', 'Bos']) await addContact(account, lastName);
    const NESTED = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { account(id: $id) {
      contacts(first: $first, after: $after, last: $last, before: $before) { totalCount edges { node { lastName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const tail = (await run(rep, NESTED, { id: account, last: 2 })).account.contacts;
    // Names compare by code point: 'de Vries' after every capital.
    expect(names(tail, 'lastName')).toEqual(['Visser', 'de Vries']);
    expect(tail).toMatchObject({ totalCount: 5, pageInfo: { hasPreviousPage: true, hasNextPage: false } });
    const before = (await run(rep, NESTED, { id: account, last: 3, before: tail.pageInfo.startCursor })).account.contacts;
    expect(names(before, 'lastName')).toEqual(['Bos', 'Jansen', 'Smit']);
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const after = (await run(rep, NESTED, { id: account, first: 1, after: before.pageInfo.endCursor })).account.contacts;
    expect(names(after, 'lastName')).toEqual(['Visser']);
    expect(after.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('pages an entity\'s history backwards', async () => {
    const auditor = await server.token('auditor');
    const account = await register('Historie B.V.');
    await run(rep, `mutation ($input: UpdateAccountDetailsInput!) { updateAccountDetails(input: $input) { revision } }`, { input: { accountId: account, industry: 'Archives' } });
    const HISTORY = `query ($id: ID!, $before: String) { history(stream: { type: ACCOUNT, id: $id }, last: 1, before: $before) {
      totalCount edges { node { revision type } } pageInfo { hasPreviousPage hasNextPage startCursor } } }`;
    const newest = (await run(auditor, HISTORY, { id: account })).history;
    expect(newest).toMatchObject({ totalCount: 2, edges: [{ node: { revision: 1, type: 'AccountDetailsUpdated' } }], pageInfo: { hasPreviousPage: true, hasNextPage: false } });
    const oldest = (await run(auditor, HISTORY, { id: account, before: newest.pageInfo.startCursor })).history;
    expect(oldest).toMatchObject({ edges: [{ node: { revision: 0, type: 'AccountRegistered' } }], pageInfo: { hasPreviousPage: false, hasNextPage: true } });
  });

  it.each([
    ['a root list', 'rep', '{ accounts(first: 1, last: 1) { totalCount } }', ['accounts']],
    ['a nested connection', 'rep', '{ accounts(first: 1) { edges { node { contacts(first: 2, last: 2) { totalCount } } } } }', ['accounts', 'edges', 0, 'node', 'contacts']],
    ['history', 'auditor', '{ history(stream: { type: LEAD, id: "00000000-0000-4000-8000-000000000000" }, first: 1, last: 1) { totalCount } }', ['history']],
  ] as const)('refuses first with last on %s as BAD_USER_INPUT', async (_, role, query, path) => {
    if (path.length > 1) await register('Ergens B.V.');
    const result = await server.gql(await server.token(role), query);
    expect(result.status).toBe(200);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error as Data).path).toEqual(path);
    expect((error?.extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toContain('last');
  });
});
