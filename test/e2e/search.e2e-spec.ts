import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startServer, type RunningServer } from '../support/running-server';
import { CAPTURE, ERASE, runner, scanFiles, type Data } from '../support/privacy-fixtures';

type Lead = { firstName: string; lastName: string; email: string; phone?: string; companyName: string; companyDomain?: string };

/** Captured in this order: a list without search shows the last captured first. */
const ANNE: Lead = { firstName: 'Anne', lastName: 'de Vries', email: 'anne@acme.nl', phone: '06 12345678', companyName: 'Acme B.V.', companyDomain: 'acme.nl' };
const PEOPLE: Lead[] = [
  ANNE,
  { firstName: 'Annemarie', lastName: 'Jansen', email: 'a.jansen@globex.com', companyName: 'Globex' },
  { firstName: 'Jürgen', lastName: 'Müller', email: 'jurgen@initech.de', companyName: 'Initech' },
  { firstName: 'Hans', lastName: 'Muller', email: 'hans@muller.de', companyName: 'Muller & Co' },
  { firstName: 'Bob', lastName: 'Acmeson', email: 'bob@initech.io', companyName: 'Initech' },
  { firstName: 'Piet', lastName: 'Vriesema', email: 'piet@vriesema.nl', companyName: 'Vriesema Bouw' },
];
const PAGED: Lead[] = Array.from({ length: 6 }, (_, i) => ({ firstName: `Kim${i}`, lastName: `Lid${i}`, email: `kim${i}@pagina.nl`, companyName: 'Pagina Holding' }));
const PAGINA: Lead = { firstName: 'Sem', lastName: 'Pagina', email: 'sem@elders.nl', companyName: 'Elders' };

const LIST = (list: string, order: string, node: string) => `query ($q: String, $first: Int, $after: String, $last: Int, $before: String, $orderBy: ${order}) {
  ${list}(filter: { search: $q }, first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    totalCount edges { cursor node { ${node} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const LEADS = LIST('leads', 'LeadOrder', 'id lastName');

describe('search over HTTP against the running process', () => {
  let server: RunningServer;
  let run: ReturnType<typeof runner>;
  let rep: string;
  const ids = new Map<string, string>();
  const leads = async (q: string, extra: Data = {}): Promise<Data> => (await run(rep, LEADS, { q, first: 50, ...extra })).leads;
  const names = (connection: Data): string[] => connection.edges.map((edge: Data) => edge.node.lastName);

  beforeAll(async () => {
    server = await startServer();
    run = runner(server);
    rep = await server.token('rep');
    for (const lead of [...PEOPLE, ...PAGED, PAGINA]) {
      ids.set(lead.lastName, (await run(rep, CAPTURE, { input: { ...lead, source: 'WEB_FORM' } })).captureLead.lead.id);
    }
  });
  afterAll(async () => server.stop());

  it.each([
    ['a last name', 'Vries', ['de Vries', 'Vriesema']],
    ['a company', 'acme', ['Acmeson', 'de Vries']],
    ['an email domain', 'acme.nl', ['de Vries']],
    ['an email as typed', 'anne@acme', ['de Vries']],
    ['several words, all of them', 'anne acme', ['de Vries']],
    ['the digits of a phone', '3161234', ['de Vries']],
    ['a name without its accents', 'muller', ['Muller', 'Müller']],
    ['a name with accents the other lacks', 'Müller', ['Muller', 'Müller']],
    ['a company shared by two', 'initech', ['Acmeson', 'Müller']],
    ['nothing for a word nobody has', 'zwaluw', []],
  ])('finds leads by %s (%p), best first', async (_title, q, expected) => {
    const found = await leads(q);
    expect(names(found)).toEqual(expected);
    expect(found.totalCount).toBe(expected.length);
  });

  it('ranks a whole word above a longer word it starts, and follows an explicit orderBy instead', async () => {
    expect(names(await leads('vries'))).toEqual(['de Vries', 'Vriesema']);
    expect(names(await leads('anne'))).toEqual(['de Vries', 'Jansen']);
    expect(names(await leads('vries', { orderBy: { field: 'CAPTURED_AT', direction: 'DESC' } }))).toEqual(['Vriesema', 'de Vries']);
  });

  it('pages a search by cursor, best match first, every lead once, with the total on every page', async () => {
    const whole = names(await leads('pagina'));
    expect(whole[0]).toBe('Pagina');
    expect(whole).toHaveLength(7);
    const walked: string[] = [];
    let after: string | null = null;
    do {
      const page: Data = await leads('pagina', { first: 3, after });
      expect(page.totalCount).toBe(7);
      walked.push(...names(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual(whole);
    const first = await leads('pagina', { first: 2 });
    const refused = await server.gql(rep, LEADS, { q: 'kim', after: first.pageInfo.endCursor });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('pages a search backwards from the end in the same best-first order, and from any edge of a forward page', async () => {
    const whole = await leads('pagina');
    const walked: string[] = [];
    let before: string | null = null;
    do {
      const page: Data = await leads('pagina', { first: null, last: 3, before });
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      walked.unshift(...names(page));
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    } while (before);
    expect(walked).toEqual(names(whole));
    const beforeFourth = await leads('pagina', { first: null, last: 2, before: whole.edges[3].cursor });
    expect(beforeFourth.edges.map((edge: Data) => edge.cursor)).toEqual(whole.edges.slice(1, 3).map((edge: Data) => edge.cursor));
    expect(beforeFourth.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const refused = await server.gql(rep, LEADS, { q: 'kim', last: 2, before: whole.pageInfo.endCursor });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'before' })] });
  });

  it('keeps the total right with another filter beside the search', async () => {
    await run(rep, 'mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }', { id: ids.get('Acmeson') });
    const working = await run(rep, 'query { leads(filter: { search: "initech", status: [WORKING] }) { totalCount edges { node { lastName } } } }');
    expect(working.leads).toEqual({ totalCount: 1, edges: [{ node: { lastName: 'Acmeson' } }] });
  });

  it('searches contacts, accounts and opportunities', async () => {
    const account = (await run(rep, 'mutation { registerAccount(input: { name: "Zeeman Textiel", kind: COMPANY, domain: "zeeman-textiel.nl" }) { account { id } } }')).registerAccount.account.id;
    await run(rep, 'mutation ($a: ID!) { addContact(input: { accountId: $a, firstName: "Lotte", lastName: "Brouwer", email: "lotte@zeeman-textiel.nl", relationship: EMPLOYEE }) { contact { id } } }', { a: account });
    await run(rep, 'mutation ($a: ID!) { openOpportunity(input: { accountId: $a, name: "Winterjassen 2026", amount: "12000.00", currency: "EUR", expectedCloseDate: "2026-10-01" }) { opportunity { id } } }', { a: account });
    const list = async (name: string, order: string, node: string, q: string): Promise<Data[]> =>
      (await run(rep, LIST(name, order, node), { q }))[name].edges.map((edge: Data) => edge.node);
    expect(await list('contacts', 'ContactOrder', 'lastName', 'brouw')).toEqual([{ lastName: 'Brouwer' }]);
    expect(await list('contacts', 'ContactOrder', 'lastName', 'lotte zeeman')).toEqual([{ lastName: 'Brouwer' }]);
    expect(await list('accounts', 'AccountOrder', 'name', 'textiel')).toEqual([{ name: 'Zeeman Textiel' }]);
    expect(await list('accounts', 'AccountOrder', 'name', 'zeeman-textiel.nl')).toEqual([{ name: 'Zeeman Textiel' }]);
    expect(await list('opportunities', 'OpportunityOrder', 'name', 'winterjas')).toEqual([{ name: 'Winterjassen 2026' }]);
    expect(await list('opportunities', 'OpportunityOrder', 'name', 'zeeman 2026')).toEqual([{ name: 'Winterjassen 2026' }]);
  });

  it('refuses a search of too many words, naming the field', async () => {
    const result = await server.gql(rep, LEADS, { q: Array.from({ length: 17 }, (_, i) => `w${i}`).join(' ') });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'filter.search' })] });
  });

  describe('once a person is erased', () => {
    const XANTHIPPOS: Lead = { firstName: 'Xanthippos', lastName: 'Quibbleworth', email: 'xanthippos.quibbleworth@ijzerwaren.nl', phone: '06 48217739', companyName: 'IJzerwaren Noord' };
    // Looked for in the files without their first three letters (below): what is left must be long
    // enough not to turn up by chance in the log's ciphertext, as a three-letter rest did.
    const WORDS = ['xanthippos', 'quibbleworth', '31648217739'];
    let leadId: string;

    beforeAll(async () => {
      leadId = (await run(rep, CAPTURE, { input: { ...XANTHIPPOS, source: 'EVENT' } })).captureLead.lead.id;
      expect((await leads('quibble')).edges.map((edge: Data) => edge.node.id)).toEqual([leadId]);
      const privacy = await server.token('privacy');
      await run(privacy, ERASE, { input: { leadId, reason: 'DATA_SUBJECT_REQUEST', commandId: randomUUID() } });
    });

    it('finds the lead by none of their words, and still by its company', async () => {
      for (const q of ['Quibbleworth', 'xanthippos', XANTHIPPOS.email, '316482']) expect((await leads(q)).totalCount).toBe(0);
      expect((await leads('ijzerwaren')).edges.map((edge: Data) => edge.node.id)).toEqual([leadId]);
    });

    it("leaves their words neither in the leads' FTS5 index nor anywhere in the read models' file", () => {
      const db = new BetterSqlite3(join(server.dataDir, 'read-models.sqlite'), { fileMustExist: true });
      try {
        const collection = db.prepare("SELECT collection FROM _aliases WHERE alias = 'leads'").pluck().get() as string;
        db.exec(`CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, '_search_${collection}', 'row')`);
        const terms = db.prepare('SELECT term FROM temp.terms').pluck().all() as string[];
        expect(terms).toEqual(expect.arrayContaining(['ijzerwaren', 'anne', 'vries']));
        expect(terms.filter((term) => WORDS.some((word) => word.startsWith(term) && term.length > 3))).toEqual([]);
      } finally {
        db.close();
      }
      // FTS5 writes a word after the part it shares with the word before it, so each is looked for without its first letters.
      const scan = scanFiles(server.dataDir, WORDS.map((word) => word.slice(3)));
      expect(scan.filter((file) => file.found.length > 0)).toEqual([]);
    });
  });
});
