import { SignJWT } from 'jose';
import { DEFAULT_TOKEN_POLICY, signToken, verifyToken, type TokenPolicy } from './jwt-token';
import { InvalidClaimsError, InvalidTokenError } from './security.errors';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
const key = new TextEncoder().encode(SECRET);

const problemOf = async (token: string, secret = SECRET, policy: TokenPolicy = DEFAULT_TOKEN_POLICY): Promise<string> => {
  const error = await verifyToken(token, secret, policy).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as InvalidTokenError).problem;
};

describe('access tokens: HS256 JWT with sub and roles', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies what it signed, with the subject and the roles', async () => {
    const token = await signToken({ sub: 'anna.devries', roles: ['rep', 'manager'] }, SECRET);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    await expect(verifyToken(token, SECRET)).resolves.toEqual({ sub: 'anna.devries', roles: ['rep', 'manager'] });
  });

  it('refuses to sign an unknown role, no role or a subject with spaces', async () => {
    await expect(signToken({ sub: 'x', roles: ['root' as never] }, SECRET)).rejects.toBeInstanceOf(InvalidClaimsError);
    await expect(signToken({ sub: 'x', roles: [] }, SECRET)).rejects.toBeInstanceOf(InvalidClaimsError);
    await expect(signToken({ sub: 'two words', roles: ['rep'] }, SECRET)).rejects.toMatchObject({ field: 'sub' });
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signToken({ sub: 'a', roles: ['rep'] }, 'another-secret-that-is-also-long-enough-1234');
    expect(await problemOf(token)).toBe('BAD_SIGNATURE');
  });

  it('rejects an expired token', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-01T10:00:00Z') });
    const token = await signToken({ sub: 'a', roles: ['auditor'] }, SECRET, 60);
    jest.setSystemTime(new Date('2025-01-01T10:02:00Z'));
    expect(await problemOf(token)).toBe('EXPIRED');
  });

  it('rejects a validly signed token whose roles are not ours', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['superuser'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setExpirationTime(now + 60).sign(key);
    expect(await problemOf(token)).toBe('BAD_CLAIMS');
  });

  it('rejects an unsigned token and garbage', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'a', roles: ['admin'], exp: 9999999999 })).toString('base64url');
    expect(await problemOf(`${header}.${payload}.`)).toBe('MALFORMED');
    expect(await problemOf('not-a-token')).toBe('MALFORMED');
  });

  describe('with an issuer, an audience and a clock tolerance', () => {
    const policy: TokenPolicy = { issuer: 'https://id.example.nl', audience: 'pipeline-crm', clockToleranceSeconds: 30 };
    const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

    it('signs them into the token, and verifies what it signed', async () => {
      const token = await signToken({ sub: 'a', roles: ['rep'] }, SECRET, 60, policy);
      expect(claimsOf(token)).toMatchObject({ iss: 'https://id.example.nl', aud: 'pipeline-crm' });
      await expect(verifyToken(token, SECRET, policy)).resolves.toEqual({ sub: 'a', roles: ['rep'] });
    });

    it('rejects a token without them, or with others', async () => {
      const plain = await signToken({ sub: 'a', roles: ['rep'] }, SECRET);
      const elsewhere = await signToken({ sub: 'a', roles: ['rep'] }, SECRET, 60, { ...policy, audience: 'another-app' });
      expect([await problemOf(plain, SECRET, policy), await problemOf(elsewhere, SECRET, policy)]).toEqual(['BAD_CLAIMS', 'BAD_CLAIMS']);
      await expect(verifyToken(elsewhere, SECRET, policy)).rejects.toThrow('Token claim aud is invalid');
    });

    it('accepts a token expired or not yet valid by less than the tolerance, and no more', async () => {
      jest.useFakeTimers({ now: new Date('2025-01-01T10:00:00Z') });
      const now = Math.floor(Date.now() / 1000);
      const signed = (claims: { exp: number; nbf?: number }) => {
        const jwt = new SignJWT({ roles: ['rep'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setIssuer(policy.issuer!).setAudience(policy.audience!).setExpirationTime(claims.exp);
        return (claims.nbf === undefined ? jwt : jwt.setNotBefore(claims.nbf)).sign(key);
      };
      await expect(verifyToken(await signed({ exp: now - 20 }), SECRET, policy)).resolves.toMatchObject({ sub: 'a' });
      expect(await problemOf(await signed({ exp: now - 40 }), SECRET, policy)).toBe('EXPIRED');
      await expect(verifyToken(await signed({ exp: now + 600, nbf: now + 20 }), SECRET, policy)).resolves.toMatchObject({ sub: 'a' });
      expect(await problemOf(await signed({ exp: now + 600, nbf: now + 40 }), SECRET, policy)).toBe('NOT_YET_VALID');
    });
  });
});
