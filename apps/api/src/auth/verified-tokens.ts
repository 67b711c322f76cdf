import { DEFAULT_TOKEN_POLICY, verifyToken, type Principal, type TokenPolicy } from '@crm/application';

const MAX_ENTRIES = 10_000;
/** A cached verdict is trusted this long at most, so a changed secret takes effect within a minute. */
const MAX_AGE_MS = 60_000;

/**
 * HS256 verification goes through WebCrypto and costs more than a no-op GraphQL request; clients send
 * the same token with every request, so a verified token is remembered until it (or the cache entry)
 * expires. Only successes are cached: a bad token is checked, and refused, every time.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly secret: string,
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
  ) {}

  /** Until when a verified token is accepted: its `exp` plus the clock tolerance, as `verify` judges it; null without `exp`. */
  validUntil(token: string): number | null {
    const expiry = expiryOf(token);
    return expiry === null ? null : expiry + this.policy.clockToleranceSeconds * 1000;
  }

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const cached = this.entries.get(token);
    if (cached && cached.until > now) return cached.principal;
    const principal = await verifyToken(token, this.secret, this.policy);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const expiry = expiryOf(token);
    const until = expiry === null ? now : expiry + this.policy.clockToleranceSeconds * 1000;
    this.entries.set(token, { principal, until: Math.min(now + MAX_AGE_MS, until) });
    return principal;
  }
}

/** The token's own `exp` in ms (already verified by verifyToken), or null when it has none. */
const expiryOf = (token: string): number | null => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null;
  }
};
