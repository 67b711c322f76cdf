import { DEFAULT_TOKEN_POLICY, signToken } from '@crm/application';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('verified tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a valid token and answers the same principal again', async () => {
    const tokens = new VerifiedTokens(SECRET);
    const token = await signToken({ sub: 'rep-7', roles: ['rep'] }, SECRET);
    expect(await tokens.verify(token)).toMatchObject({ sub: 'rep-7', roles: ['rep'] });
    expect(await tokens.verify(token)).toMatchObject({ sub: 'rep-7', roles: ['rep'] });
  });

  it('refuses a token signed with another secret every time, never caching the refusal as a pass', async () => {
    const tokens = new VerifiedTokens(SECRET);
    const forged = await signToken({ sub: 'intruder', roles: ['admin'] }, `${SECRET}-other`);
    await expect(tokens.verify(forged)).rejects.toThrow();
    await expect(tokens.verify(forged)).rejects.toThrow();
  });

  it('does not remember a token past its own expiry and the clock tolerance', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
    const tokens = new VerifiedTokens(SECRET, { ...DEFAULT_TOKEN_POLICY, clockToleranceSeconds: 5 });
    const token = await signToken({ sub: 'rep-7', roles: ['rep'] }, SECRET, 60);
    await tokens.verify(token);
    jest.setSystemTime(new Date('2026-03-02T09:01:04Z'));
    await expect(tokens.verify(token)).resolves.toMatchObject({ sub: 'rep-7' });
    jest.setSystemTime(new Date('2026-03-02T09:01:06Z'));
    await expect(tokens.verify(token)).rejects.toThrow('Token has expired');
  });

  it('refuses a token without the issuer and audience its policy asks for, however often it is sent', async () => {
    const policy = { issuer: 'https://id.example.nl', audience: 'pipeline-crm', clockToleranceSeconds: 0 };
    const tokens = new VerifiedTokens(SECRET, policy);
    const plain = await signToken({ sub: 'rep-7', roles: ['rep'] }, SECRET);
    await expect(tokens.verify(plain)).rejects.toThrow('Token claim iss is invalid');
    await expect(tokens.verify(plain)).rejects.toThrow('Token claim iss is invalid');
    await expect(tokens.verify(await signToken({ sub: 'rep-7', roles: ['rep'] }, SECRET, 60, policy))).resolves.toMatchObject({ sub: 'rep-7' });
  });
});
