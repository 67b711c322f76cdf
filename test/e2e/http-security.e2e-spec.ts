import { SignJWT } from 'jose';
import { tempDataDir } from '../../apps/cli/src/testing/buffer-io';
import { SECRET, startServer, type RunningServer } from '../support/running-server';

const CRM = 'https://crm.example.nl';
const ELSEWHERE = 'https://phish.example.com';
const EDGE = {
  CRM_CORS_ORIGINS: `${CRM}, http://localhost:5173`,
  CRM_JWT_ISSUER: 'https://id.example.nl',
  CRM_JWT_AUDIENCE: 'pipeline-crm',
  CRM_JWT_CLOCK_TOLERANCE: '30',
};

/** A token as another issuer's software would sign it: these claims, and nothing added. */
const signed = (claims: { iss?: string; aud?: string; exp: number }): Promise<string> => {
  const jwt = new SignJWT({ roles: ['rep'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('rep-1').setExpirationTime(claims.exp);
  if (claims.iss) jwt.setIssuer(claims.iss);
  if (claims.aud) jwt.setAudience(claims.aud);
  return jwt.sign(new TextEncoder().encode(SECRET));
};

describe('the HTTP edge, configured by environment', () => {
  let server: RunningServer;
  let base: string;
  beforeAll(async () => {
    server = await startServer({ env: EDGE });
    base = server.url.replace('/graphql', '');
  });
  afterAll(async () => server.stop());

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const codeOf = async (response: Response): Promise<unknown> => ((await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0].extensions?.code;

  describe('tokens', () => {
    it('accepts the token the command line issues with the same settings', async () => {
      const cli = tempDataDir();
      try {
        const issued = await cli.run(['token', '--role', 'rep'], { CRM_JWT_SECRET: SECRET, ...EDGE });
        const answer = await post({ query: '{ leads { totalCount } }' }, { authorization: `Bearer ${issued.stdout.trim()}` });
        expect([answer.status, await answer.json()]).toEqual([200, { data: { leads: { totalCount: 0 } } }]);
      } finally {
        cli.cleanup();
      }
    });

    it.each([
      ['no issuer', { aud: EDGE.CRM_JWT_AUDIENCE }, 'Token claim iss is invalid'],
      ['another issuer', { iss: 'https://elsewhere.example.com', aud: EDGE.CRM_JWT_AUDIENCE }, 'Token claim iss is invalid'],
      ['another audience', { iss: EDGE.CRM_JWT_ISSUER, aud: 'another-app' }, 'Token claim aud is invalid'],
    ])('refuses a token with %s as UNAUTHENTICATED', async (_, claims, reason) => {
      const token = await signed({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 });
      const answer = await post({ query: '{ __typename }' }, { authorization: `Bearer ${token}` });
      const body = (await answer.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect([answer.status, body.errors[0].extensions.code, body.errors[0].message]).toEqual([401, 'UNAUTHENTICATED', expect.stringContaining(reason)]);
    });

    it('accepts a token expired by less than the clock tolerance, and refuses one expired by more', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expiredBy = async (seconds: number) =>
        post({ query: '{ __typename }' }, { authorization: `Bearer ${await signed({ iss: EDGE.CRM_JWT_ISSUER, aud: EDGE.CRM_JWT_AUDIENCE, exp: now - seconds })}` });
      const [slightly, long] = await Promise.all([expiredBy(10), expiredBy(90)]);
      expect([slightly.status, long.status, await codeOf(long)]).toEqual([200, 401, 'UNAUTHENTICATED']);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(server.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

    it('lets a configured origin call the API from a browser', async () => {
      const answer = await preflight(CRM);
      expect([answer.status, answer.headers.get('access-control-allow-origin'), answer.headers.get('access-control-allow-headers')])
        .toEqual([204, CRM, expect.stringContaining('authorization')]);
      const call = await post({ query: '{ __typename }' }, { origin: CRM });
      expect(call.headers.get('access-control-allow-origin')).toBe(CRM);
    });

    it('gives any other origin no CORS header, so browsers keep the answer from it', async () => {
      const answer = await preflight(ELSEWHERE);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect((await post({ query: '{ __typename }' }, { origin: ELSEWHERE })).headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('headers on every response', () => {
    const API_POLICY = "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'";

    it.each([
      ['a GraphQL answer', () => post({ query: '{ __typename }' })],
      ['a refused body', () => post({ query: `{ __typename } #${'x'.repeat(110_000)}` })],
      ['an unknown route', () => fetch(`${base}/nowhere`)],
      ['the health check', () => fetch(`${base}/health/live`)],
      ['a GraphiQL asset', () => fetch(`${base}/graphiql/assets/graphiql.min.css`)],
      ['a dashboard script', () => fetch(`${base}/dashboard/assets/dashboard.js`)],
    ])('on %s', async (_, request) => {
      const answer = await request();
      expect({
        nosniff: answer.headers.get('x-content-type-options'),
        frame: answer.headers.get('x-frame-options'),
        policy: answer.headers.get('content-security-policy'),
        referrer: answer.headers.get('referrer-policy'),
        poweredBy: answer.headers.get('x-powered-by'),
      }).toEqual({ nosniff: 'nosniff', frame: 'DENY', policy: API_POLICY, referrer: 'no-referrer', poweredBy: null });
    });

    it.each(['graphiql', 'dashboard'])('answers 404 for a %s asset named like a property every object has', async (page) => {
      const statuses = await Promise.all(['constructor', '__proto__', 'toString', 'hasOwnProperty'].map(async (name) => (await fetch(`${base}/${page}/assets/${name}`)).status));
      expect(statuses).toEqual([404, 404, 404, 404]);
    });

    it('and on the GraphiQL page a policy that runs only its own scripts and talks only to this server', async () => {
      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(policy.split('; ')).toEqual(expect.arrayContaining([
        "default-src 'none'", expect.stringMatching(/^script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'$/), "connect-src 'self'", "frame-ancestors 'none'",
      ]));
    });
  });

  it('refuses automatic persisted queries, so no caller fills a server-side cache', async () => {
    const rep = await signed({ iss: EDGE.CRM_JWT_ISSUER, aud: EDGE.CRM_JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 });
    const hashOnly = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, { authorization: `Bearer ${rep}` });
    // Apollo's protocol answers this with 200, so that a client falls back to sending the whole query.
    expect([hashOnly.status, await codeOf(hashOnly)]).toEqual([200, 'PERSISTED_QUERY_NOT_SUPPORTED']);
    const registering = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }, { authorization: `Bearer ${rep}` });
    expect(await codeOf(registering)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
