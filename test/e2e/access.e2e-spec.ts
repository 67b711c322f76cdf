import { startServer, type RunningServer } from '../support/running-server';
import { countReadStoreReads } from '../support/read-store-reads';

interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

const post = async (url: string, query: string, token?: string): Promise<HttpAnswer> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
};

const LEAD = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { lead { id } } }';

describe('access to the GraphQL API', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
    const rep = await server.token('rep');
    await server.gql(rep, LEAD, { input: { firstName: 'Noor', lastName: 'Visser', email: 'noor@visser.nl', companyName: 'Visser B.V.', source: 'EVENT' } });
  });
  afterAll(async () => server.stop());

  describe('without a valid token', () => {
    it.each([
      ['introspection of the schema', '{ __schema { types { name fields { name } } } }'],
      ['introspection of a type', '{ __type(name: "Lead") { name fields { name } } }'],
      ['__typename', '{ __typename }'],
      ['a query', '{ leads { totalCount } }'],
    ])('refuses %s as UNAUTHENTICATED, 401 with a Bearer challenge', async (_, query) => {
      const answer = await post(server.url, query);
      expect([answer.status, answer.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="pipeline-crm"']);
      expect(answer.body).toEqual({ errors: [{ message: expect.stringContaining('bearer token is required'), extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it('refuses a document that would fail validation the same way, suggesting no field name', async () => {
      const answer = await post(server.url, '{ lead(id: "x") { idd emal } leds { totalCount } }');
      expect([answer.status, answer.body.errors?.map((error) => error.extensions?.code)]).toEqual([401, ['UNAUTHENTICATED']]);
      expect(answer.text).not.toMatch(/did you mean|email|leads/i);
    });

    it('refuses a token that is not valid, saying why, and a GET as well', async () => {
      const forged = await post(server.url, '{ __typename }', 'not.a.token');
      expect([forged.status, forged.headers.get('www-authenticate'), forged.body.errors?.[0].extensions?.code])
        .toEqual([401, 'Bearer realm="pipeline-crm", error="invalid_token"', 'UNAUTHENTICATED']);
      const get = await fetch(`${server.url}?query=${encodeURIComponent('{ __schema { types { name } } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
      expect([get.status, ((await get.json()) as HttpAnswer['body']).errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('answers no origin with a CORS header when none is configured', async () => {
      const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://crm.example.nl', 'access-control-request-method': 'POST' } });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('still serves the health checks and the GraphiQL page', async () => {
      const base = server.url.replace('/graphql', '');
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect((await fetch(`${base}/graphiql/assets/graphiql.min.js`)).status).toBe(200);
    });
  });

  describe('with a token', () => {
    it('lets any role introspect the schema', async () => {
      const answer = await post(server.url, '{ __schema { queryType { name } } __typename }', await server.token('privacy'));
      expect([answer.status, answer.body]).toEqual([200, { data: { __schema: { queryType: { name: 'Query' } }, __typename: 'Query' } }]);
    });

    it("refuses an analyst a person's email nested in a list, before reading anything, and names the field", async () => {
      const analyst = await server.token('analyst');
      const reads = countReadStoreReads(server);
      try {
        const answer = await post(server.url, '{ leads { totalCount edges { node { id status email } } } }', analyst);
        expect([answer.status, answer.body]).toEqual([403, {
          errors: [{
            message: 'Lead.email needs one of the roles: admin, rep, manager, auditor, privacy',
            extensions: { code: 'FORBIDDEN', field: 'Lead.email', requiredRoles: ['rep', 'manager', 'auditor', 'privacy'] },
          }],
        }]);
        expect(reads.count()).toBe(0);
      } finally {
        reads.stop();
      }
      const counts = await post(server.url, '{ leads { totalCount edges { node { status source } } } }', analyst);
      expect(counts.body).toEqual({ data: { leads: { totalCount: 1, edges: [{ node: { status: 'NEW', source: 'EVENT' } }] } } });
    });

    it('lets a rep read the same nested field', async () => {
      const answer = await post(server.url, '{ leads { edges { node { email } } } }', await server.token('rep'));
      expect(answer.body).toEqual({ data: { leads: { edges: [{ node: { email: 'noor@visser.nl' } }] } } });
    });
  });
});
