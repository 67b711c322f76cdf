import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, ROLES, type Principal, type Role } from './roles';
import { InvalidClaimsError, InvalidTokenError } from './security.errors';

const ALGORITHM = 'HS256';
const DEFAULT_TTL_SECONDS = 8 * 3600;

/**
 * What a token must say besides carrying a valid signature, set by environment (CRM_JWT_ISSUER,
 * CRM_JWT_AUDIENCE, CRM_JWT_CLOCK_TOLERANCE). Tokens this code signs carry the issuer and audience.
 */
export interface TokenPolicy {
  /** The `iss` a token must carry; null: not checked. */
  issuer: string | null;
  /** The `aud` a token must carry; null: not checked. */
  audience: string | null;
  /** How far the issuer's clock may be from ours when `exp` and `nbf` are checked. */
  clockToleranceSeconds: number;
}

/** The clock difference allowed by default between whoever issued a token and this server. */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

export const DEFAULT_TOKEN_POLICY: TokenPolicy = Object.freeze({ issuer: null, audience: null, clockToleranceSeconds: DEFAULT_CLOCK_TOLERANCE_SECONDS });

const keyOf = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export const parseRoles = (raw: readonly unknown[], field = 'roles'): Role[] => {
  const unknown = raw.filter((role) => !isRole(role));
  if (raw.length === 0 || unknown.length > 0) {
    const shown = unknown.length ? `unknown role ${unknown.map(String).join(', ')}; ` : '';
    throw new InvalidClaimsError(field, `${shown}roles must be one or more of ${ROLES.join(', ')}`);
  }
  return [...new Set(raw as Role[])];
};

const assertSubject = (sub: unknown): string => {
  if (typeof sub !== 'string' || sub.trim() === '' || /\s/.test(sub)) {
    throw new InvalidClaimsError('sub', 'sub must be a non-empty user id without spaces');
  }
  return sub;
};

/** An HS256 JWT with the claims `sub` and `roles` (and the policy's `iss` and `aud`), issued now and expiring after `ttlSeconds`. */
export const signToken = async (principal: Principal, secret: string, ttlSeconds = DEFAULT_TTL_SECONDS, policy: TokenPolicy = DEFAULT_TOKEN_POLICY): Promise<string> => {
  const sub = assertSubject(principal.sub);
  const roles = parseRoles(principal.roles);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new InvalidClaimsError('ttl', 'ttl must be a whole number of seconds > 0');
  }
  const token = new SignJWT({ roles })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (policy.issuer !== null) token.setIssuer(policy.issuer);
  if (policy.audience !== null) token.setAudience(policy.audience);
  return token.sign(keyOf(secret));
};

/**
 * The token's principal; throws InvalidTokenError for anything but a valid, unexpired HS256 token with
 * known roles and the issuer and audience the policy asks for.
 */
export const verifyToken = async (token: string, secret: string, policy: TokenPolicy = DEFAULT_TOKEN_POLICY): Promise<Principal> => {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: [ALGORITHM],
      requiredClaims: ['sub', 'exp'],
      issuer: policy.issuer ?? undefined,
      audience: policy.audience ?? undefined,
      clockTolerance: policy.clockToleranceSeconds,
    }));
  } catch (error) {
    throw asInvalidToken(error);
  }
  try {
    const roles = Array.isArray(payload.roles) ? parseRoles(payload.roles) : parseRoles([]);
    return { sub: assertSubject(payload.sub), roles };
  } catch (error) {
    throw new InvalidTokenError('BAD_CLAIMS', `Token claims are not usable: ${(error as Error).message}`);
  }
};

/** jose's own errors say why; the message never echoes the token itself. */
const asInvalidToken = (error: unknown): InvalidTokenError => {
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('EXPIRED', 'Token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new InvalidTokenError('BAD_SIGNATURE', 'Token signature does not match');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const problem = error.claim === 'nbf' || error.claim === 'iat' ? 'NOT_YET_VALID' : 'BAD_CLAIMS';
    return new InvalidTokenError(problem, `Token claim ${error.claim} is invalid: ${error.message}`);
  }
  return new InvalidTokenError('MALFORMED', 'Token is not a valid HS256 JWT');
};
