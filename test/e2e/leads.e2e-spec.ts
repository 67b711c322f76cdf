import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from '../support/running-server';

const LEAD_FIELDS = 'id status firstName lastName email phone companyName source ownerId revision convertedAccountId';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision position lead { ${LEAD_FIELDS} } } }`;
const QUALIFY = `mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { revision lead { status } } }`;
const WORK = `mutation ($input: LeadRefInput!) { startWorkingLead(input: $input) { revision lead { status } } }`;
const CONVERT = `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { revision lead { status convertedAccountId } account { id name } contact { id accountId } opportunity { id accountId amount { amount currency } } } }`;

const captureInput = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Sanne', lastName: 'de Boer', email: 'Sanne@Bakkerij-Jansen.nl', phone: '06 12345678',
  companyName: 'Bakkerij Jansen B.V.', companyDomain: 'bakkerij-jansen.nl', source: 'WEB_FORM', ...overrides,
});

describe('leads over real HTTP against the running process', () => {
  let server: RunningServer;
  let rep: string;
  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep');
  });
  afterAll(async () => server.stop());

  it('captures, works, qualifies and converts a lead, each answer reflecting the write', async () => {
    const captured = await server.gql<{ captureLead: { revision: number; lead: { id: string; email: string; phone: string; status: string } } }>(
      rep, CAPTURE, { input: captureInput() },
    );
    expect(captured.errors).toBeUndefined();
    const lead = captured.data!.captureLead.lead;
    expect(lead).toMatchObject({ status: 'NEW', email: 'Sanne@bakkerij-jansen.nl', phone: '+31612345678' });
    expect(captured.data!.captureLead.revision).toBe(0);

    const worked = await server.gql<{ startWorkingLead: { lead: { status: string } } }>(rep, WORK, { input: { leadId: lead.id } });
    expect(worked.data!.startWorkingLead.lead.status).toBe('WORKING');
    const qualified = await server.gql<{ qualifyLead: { revision: number; lead: { status: string } } }>(rep, QUALIFY, { input: { leadId: lead.id, expectedRevision: 1 } });
    expect(qualified.data!.qualifyLead).toMatchObject({ revision: 2, lead: { status: 'QUALIFIED' } });

    type Converted = { lead: { status: string; convertedAccountId: string }; account: { id: string; name: string }; contact: { accountId: string }; opportunity: { accountId: string; amount: { amount: string } } };
    const converted = await server.gql<{ convertLead: Converted }>(
      rep, CONVERT, { input: { leadId: lead.id, account: { kind: 'COMPANY' }, opportunity: { name: 'Ovens', amount: '48000.00', currency: 'EUR' } } },
    );
    expect(converted.errors).toBeUndefined();
    const payload = converted.data!.convertLead;
    expect(payload.lead).toEqual({ status: 'CONVERTED', convertedAccountId: payload.account.id });
    expect(payload.account.name).toBe('Bakkerij Jansen B.V.');
    expect(payload.contact.accountId).toBe(payload.account.id);
    expect(payload.opportunity).toMatchObject({ accountId: payload.account.id, amount: { amount: '48000.00' } });
  });

  it('answers a write asked for its revision alone after the read model has it, and the entity under every alias asked for', async () => {
    const bare = await server.gql<{ captureLead: { revision: number; position: string } }>(
      rep, 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision position } }', { input: captureInput({ lastName: 'Kaal' }) },
    );
    expect(bare.errors).toBeUndefined();
    expect(bare.data!.captureLead.revision).toBe(0);
    const listed = await server.gql<{ leads: { edges: Array<{ node: { lastName: string } }> } }>(rep, '{ leads(filter: { search: "Kaal" }) { edges { node { lastName } } } }', {});
    expect(listed.data!.leads.edges.map((edge) => edge.node.lastName)).toEqual(['Kaal']);
    const twice = await server.gql<{ captureLead: { first: { lastName: string }; second: { status: string } } }>(
      rep, 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { first: lead { lastName } second: lead { status } } }', { input: captureInput({ lastName: 'Dubbel' }) },
    );
    expect(twice.errors).toBeUndefined();
    expect(twice.data!.captureLead).toEqual({ first: { lastName: 'Dubbel' }, second: { status: 'NEW' } });
  });

  it('lists leads with a filter, a sort and stable cursors', async () => {
    for (const lastName of ['Alfa', 'Bravo', 'Charlie']) {
      await server.gql(rep, CAPTURE, { input: captureInput({ lastName, source: 'REFERRAL', email: `${lastName}@example.nl` }) });
    }
    const query = `query ($after: String) { leads(filter: { source: [REFERRAL] }, orderBy: { field: LAST_NAME, direction: ASC }, first: 2, after: $after) {
      totalCount edges { cursor node { lastName } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { leads: { totalCount: number; edges: Array<{ cursor: string; node: { lastName: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await server.gql<Page>(rep, query, {});
    expect(first.data!.leads.totalCount).toBe(3);
    expect(first.data!.leads.edges.map((e) => e.node.lastName)).toEqual(['Alfa', 'Bravo']);
    const second = await server.gql<Page>(rep, query, { after: first.data!.leads.pageInfo.endCursor });
    expect(second.data!.leads.edges.map((e) => e.node.lastName)).toEqual(['Charlie']);
    expect(second.data!.leads.pageInfo.hasNextPage).toBe(false);
  });

  it('answers a stale expectedRevision with CONFLICT carrying expected and actual', async () => {
    const captured = await server.gql<{ captureLead: { lead: { id: string } } }>(rep, CAPTURE, { input: captureInput({ email: 'c@example.nl' }) });
    const leadId = captured.data!.captureLead.lead.id;
    await server.gql(rep, WORK, { input: { leadId } });
    const stale = await server.gql(rep, QUALIFY, { input: { leadId, expectedRevision: 0 } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 0, actualRevision: 1 });
  });

  it('replays a lead as of an instant for an auditor, and refuses as-of to a rep', async () => {
    const captured = await server.gql<{ captureLead: { lead: { id: string } } }>(rep, CAPTURE, { input: captureInput({ email: 'asof@example.nl' }) });
    const leadId = captured.data!.captureLead.lead.id;
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await server.gql(rep, QUALIFY, { input: { leadId } });
    const query = `query ($id: ID!, $asOf: DateTime) { lead(id: $id, asOf: $asOf) { status revision } }`;
    const auditor = await server.token('auditor');
    expect((await server.gql(auditor, query, { id: leadId, asOf: between })).data).toEqual({ lead: { status: 'NEW', revision: 0 } });
    expect((await server.gql(auditor, query, { id: leadId })).data).toEqual({ lead: { status: 'QUALIFIED', revision: 1 } });
    expect((await server.gql(rep, query, { id: leadId, asOf: between })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('role boundaries', () => {
    const list = '{ leads(first: 1) { totalCount } }';
    it('refuses a request without a token, or with a forged one, as UNAUTHENTICATED', async () => {
      expect((await server.gql(null, list)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await server.gql('not.a.token', list)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
    it.each(['rep', 'manager', 'auditor', 'analyst', 'admin'] as const)('lets %s read lists', async (role) => {
      expect((await server.gql(await server.token(role), list)).errors).toBeUndefined();
    });
    it.each(['auditor', 'analyst'] as const)('refuses writes to %s as FORBIDDEN', async (role) => {
      const result = await server.gql(await server.token(role), CAPTURE, { input: captureInput({ email: `${role}@example.nl` }) });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
    it.each(['manager', 'admin'] as const)('lets %s write', async (role) => {
      const result = await server.gql(await server.token(role), CAPTURE, { input: captureInput({ email: `${role}@example.nl` }) });
      expect(result.errors).toBeUndefined();
    });
  });

  describe('bad input never reaches the store and never yields a 500', () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['an invalid email', CAPTURE, { input: captureInput({ email: 'not-an-email' }) }, 'BAD_USER_INPUT'],
      ['an invalid phone', CAPTURE, { input: captureInput({ phone: '12' }) }, 'BAD_USER_INPUT'],
      ['an unknown source', CAPTURE, { input: captureInput({ source: 'CARRIER_PIGEON' }) }, 'BAD_USER_INPUT'],
      ['a missing first name', CAPTURE, { input: captureInput({ firstName: undefined }) }, 'BAD_USER_INPUT'],
      ['a blank company', CAPTURE, { input: captureInput({ companyName: '   ' }) }, 'BAD_USER_INPUT'],
      ['a lead id that is not a uuid', QUALIFY, { input: { leadId: 'lead-1' } }, 'BAD_USER_INPUT'],
      ['a lead that does not exist', QUALIFY, { input: { leadId: randomUUID() } }, 'NOT_FOUND'],
      ['a negative expectedRevision', QUALIFY, { input: { leadId: randomUUID(), expectedRevision: -1 } }, 'BAD_USER_INPUT'],
      ['an unknown field', CAPTURE, { input: { ...captureInput(), vip: true } }, 'BAD_USER_INPUT'],
      ['a conversion with a malformed lead id', CONVERT, { input: { leadId: 'x' } }, 'BAD_USER_INPUT'],
    ];
    it.each(cases)('%s', async (_, mutation, variables, code) => {
      const head = await server.embedded.headPosition();
      const result = await server.gql(rep, mutation, variables);
      expect(result.status).toBeLessThan(500);
      expect(result.errors?.[0].extensions?.code).toBe(code);
      expect(await server.embedded.headPosition()).toBe(head);
    });

    it('refuses converting a new lead with RULE_VIOLATION LEAD_NOT_QUALIFIED and writes nothing', async () => {
      const captured = await server.gql<{ captureLead: { lead: { id: string } } }>(rep, CAPTURE, { input: captureInput({ email: 'nq@example.nl' }) });
      const head = await server.embedded.headPosition();
      const result = await server.gql(rep, CONVERT, { input: { leadId: captured.data!.captureLead.lead.id } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', reason: 'LEAD_NOT_QUALIFIED' });
      expect(await server.embedded.headPosition()).toBe(head);
    });
  });
});
