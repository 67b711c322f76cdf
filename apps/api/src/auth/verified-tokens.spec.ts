import { signToken } from '@crm/application';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('verified tokens', () => {
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

  it('does not remember a token past its own expiry', async () => {
    const tokens = new VerifiedTokens(SECRET);
    const token = await signToken({ sub: 'rep-7', roles: ['rep'] }, SECRET, 1);
    await tokens.verify(token);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expect(tokens.verify(token)).rejects.toThrow();
  });
});
