import { randomUUID } from 'node:crypto';
import { OperationsInFlight } from '../../apps/api/src/shared/operations-in-flight';
import { startServer, type GqlResponse, type RunningServer } from '../support/running-server';

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { revision lead { id } } }';
const QUALIFY = 'mutation ($input: LeadRefInput!) { qualifyLead(input: $input) { revision } }';

const capture = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Sanne', lastName: 'de Boer', email: `${randomUUID()}@bakkerij-jansen.nl`, companyName: 'Bakkerij Jansen B.V.', source: 'WEB_FORM', ...overrides,
});
/** The same input written as a GraphQL literal (enum values bare). */
const literal = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return typeof value === 'string' && /^[A-Z_]+$/.test(value) ? value : JSON.stringify(value);
};
const stripped = (input: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(input).filter(([key]) => key !== field));

describe('errors a GraphQL client can rely on, over real HTTP', () => {
  let server: RunningServer;
  let rep: string;
  let auditor: string;
  let accountId: string;
  beforeAll(async () => {
    server = await startServer();
    rep = await server.token('rep');
    auditor = await server.token('auditor');
    const registered = await server.gql<{ registerAccount: { account: { id: string } } }>(rep, 'mutation { registerAccount(input: { name: "Bakkerij Jansen B.V.", kind: COMPANY }) { account { id } } }');
    accountId = registered.data!.registerAccount.account.id;
  });
  afterAll(async () => server.stop());

  const refusedWithField = (result: GqlResponse<unknown>, field: string): void => {
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field, message: expect.any(String) })] });
  };

  describe('a value GraphQL itself refuses is BAD_USER_INPUT naming its field, written in the query or passed in variables, and writes nothing', () => {
    const opportunity = () => ({ accountId, name: 'Ovens', amount: '48000.00', currency: 'EUR', expectedCloseDate: '2027-03-31' });
    const cases: Array<[string, string, string, () => Record<string, unknown>, string]> = [
      ['an unknown enum value', 'captureLead', 'CaptureLeadInput', () => capture({ source: 'CARRIER_PIGEON' }), 'source'],
      ['a Decimal that is not one', 'openOpportunity', 'OpenOpportunityInput', () => ({ ...opportunity(), amount: '48.000,00' }), 'amount'],
      ['a missing required field', 'captureLead', 'CaptureLeadInput', () => stripped(capture(), 'firstName'), 'firstName'],
      ['an Int out of range', 'captureLead', 'CaptureLeadInput', () => capture({ expectedRevision: 99999999999 }), 'expectedRevision'],
    ];
    describe.each(cases)('%s', (_name, mutation, type, input, field) => {
      it('in variables', async () => {
        const head = await server.embedded.headPosition();
        refusedWithField(await server.gql(rep, `mutation ($input: ${type}!) { ${mutation}(input: $input) { revision } }`, { input: input() }), field);
        expect(await server.embedded.headPosition()).toBe(head);
      });

      it('written in the query', async () => {
        const head = await server.embedded.headPosition();
        refusedWithField(await server.gql(rep, `mutation { ${mutation}(input: ${literal(input())}) { revision } }`), field);
        expect(await server.embedded.headPosition()).toBe(head);
      });
    });

    it.each([
      ['a DateTime that is no real day, in variables', 'query ($t: DateTime) { leads(filter: { capturedFrom: $t }) { totalCount } }', { t: '2026-02-30T10:00:00Z' }],
      ['a DateTime that is no real day, in the query', '{ leads(filter: { capturedFrom: "2026-02-30T10:00:00Z" }) { totalCount } }', {}],
    ])('%s', async (_name, query, variables) => {
      refusedWithField(await server.gql(rep, query, variables), 'filter.capturedFrom');
    });

    it('names fields inside a nested input and list items by their path', async () => {
      refusedWithField(await server.gql(rep, '{ leads(filter: { source: [EVENT, NOPE] }) { totalCount } }'), 'filter.source.1');
      const converted = await server.gql(rep, `mutation ($input: ConvertLeadInput!) { convertLead(input: $input) { revision } }`, {
        input: { leadId: randomUUID(), opportunity: { name: 'Ovens', amount: 'lots', currency: 'EUR' } },
      });
      refusedWithField(converted, 'opportunity.amount');
    });

    it('leaves validation errors that are not about a value as they were', async () => {
      const result = await server.gql(rep, `mutation ($input: OpenOpportunityInput!) { openOpportunity(input: $input) { nope } }`, { input: {} });
      expect(result.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    });
  });

  describe('DateTime is a real calendar instant', () => {
    const asOf = 'query ($id: ID!, $t: DateTime) { lead(id: $id, asOf: $t) { status } }';
    it.each([
      ['February 30th', '2026-02-30T10:00:00Z'],
      ['February 29th of a year that is not a leap year', '2027-02-29T10:00:00Z'],
      ['hour 24', '2026-03-01T24:00:00Z'],
      ['an offset hour of 24', '2026-03-01T10:00:00+24:00'],
    ])('refuses %s', async (_name, t) => {
      refusedWithField(await server.gql(auditor, asOf, { id: randomUUID(), t }), 'asOf');
    });

    it('reads an instant with an offset as the instant it names', async () => {
      /** The instant `ms` written as the wall-clock time at UTC+hours. */
      const inZone = (ms: number, hours: number) =>
        new Date(ms + hours * 3_600_000).toISOString().replace('Z', `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`);
      const before = Date.now() - 1_800_000;
      const captured = await server.gql<{ captureLead: { lead: { id: string } } }>(rep, CAPTURE, { input: capture() });
      const after = Date.now() + 1_800_000;
      const id = captured.data!.captureLead.lead.id;
      // Read without their offsets, these would land on the other side of the capture.
      expect((await server.gql(auditor, asOf, { id, t: inZone(before, 2) })).data).toEqual({ lead: null });
      expect((await server.gql(auditor, asOf, { id, t: inZone(after, -5) })).data).toEqual({ lead: { status: 'NEW' } });
      expect((await server.gql(auditor, asOf, { id, t: '2028-02-29T10:00:00Z' })).errors).toBeUndefined();
    });
  });

  describe('a document GraphQL cannot read', () => {
    it.each([
      ['an unclosed input object', 'mutation { qualifyLead(input: {'],
      ['a selection cut short', '{ leads { '],
      ['more tokens than a document may have', `{ ${'__typename '.repeat(2_100)}}`],
    ])('is refused as GRAPHQL_PARSE_FAILED with a 400: %s, and leaves no operation counted as running', async (_name, query) => {
      const result = await server.gql(rep, query);
      expect([result.status, result.errors?.map((error) => error.extensions?.code)]).toEqual([400, ['GRAPHQL_PARSE_FAILED']]);
      expect(server.embedded.app.get(OperationsInFlight).count).toBe(0);
    });
  });

  describe('a body that is not a GraphQL request', () => {
    it.each([
      ['not JSON', 'not json', 400],
      ['cut short', '{"query": "{ __typename }"', 400],
      ['over the size limit', JSON.stringify({ query: `{ __typename } #${'x'.repeat(110_000)}` }), 413],
    ])('is refused with a GraphQL error, BAD_USER_INPUT naming the request: %s', async (_name, body, status) => {
      const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${rep}` }, body });
      const json = (await answer.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
      expect([answer.status, json.errors?.map((error) => error.extensions)]).toEqual([status, [{ code: 'BAD_USER_INPUT', fields: [{ field: 'request', message: expect.any(String) }] }]]);
    });

    it('never quotes the body back: it may hold a person\'s data', async () => {
      const body = '{"input": {"email": jane.doe@example.nl}}';
      const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${rep}` }, body });
      const text = await answer.text();
      expect([answer.status, text.includes('jane'), text.includes('example.nl')]).toEqual([400, false, false]);
    });

    it('is answered with a correlation id, as every other request is', async () => {
      const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${rep}` }, body: 'not json' });
      await answer.text();
      expect([answer.status, answer.headers.get('x-correlation-id')]).toEqual([400, expect.stringMatching(/\S/)]);
    });
  });

  describe('CONFLICT carries revisions as numbers', () => {
    it('gives expected and actual revision as Int', async () => {
      const captured = await server.gql<{ captureLead: { lead: { id: string } } }>(rep, CAPTURE, { input: capture() });
      const leadId = captured.data!.captureLead.lead.id;
      await server.gql(rep, 'mutation ($id: ID!) { startWorkingLead(input: { leadId: $id }) { revision } }', { id: leadId });
      const stale = await server.gql(rep, QUALIFY, { input: { leadId, expectedRevision: 0 } });
      expect(stale.errors?.[0].extensions).toEqual({ code: 'CONFLICT', stream: `lead-${leadId}`, expectedRevision: 0, actualRevision: 1 });
    });

    it('gives null, never a string, for a stream that does not exist', async () => {
      const missing = await server.gql(rep, QUALIFY, { input: { leadId: randomUUID(), expectedRevision: 3 } });
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 3, actualRevision: null });
    });
  });
});
