import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { requestRefusal } from '../errors/request-refusal';
import { UnauthenticatedError } from './auth.errors';
import type { Principal, RequestContext } from './request-user';
import type { VerifiedTokens } from './verified-tokens';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller-supplied correlation id is kept (so a client's trace spans our events), if it is sane. */
export const correlationIdOf = (req: Request): string => {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
};

/**
 * Refuses every request without a valid bearer token before its document is even parsed: no
 * introspection, no `__typename`, no validation message (which would suggest field names) reaches an
 * anonymous caller. The answer is 401 with `WWW-Authenticate: Bearer` (RFC 6750) and
 * extensions.code UNAUTHENTICATED.
 */
export const createRequestContext = async (req: Request, tokens: VerifiedTokens): Promise<RequestContext> => {
  const correlationId = (req as Request & { correlationId?: string }).correlationId ?? correlationIdOf(req);
  return { user: await authenticate(req, tokens), authProblem: null, correlationId, loaders: new Map() };
};

/** The token of an `Authorization` value, or what is wrong with it; over HTTP and in a subscription's connection_init alike. */
export const bearerTokenOf = (header: unknown): { token: string } | { problem: 'missing' | 'malformed' } => {
  if (typeof header !== 'string' || header === '') return { problem: 'missing' };
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? { token } : { problem: 'malformed' };
};

const authenticate = async (req: Request, tokens: VerifiedTokens): Promise<Principal> => {
  const bearer = bearerTokenOf(req.headers.authorization);
  if ('problem' in bearer) {
    throw unauthenticated(bearer.problem === 'missing' ? 'A bearer token is required: Authorization: Bearer <token>' : 'The Authorization header must be "Bearer <token>"');
  }
  const { token } = bearer;
  try {
    return await tokens.verify(token);
  } catch (error) {
    throw unauthenticated(`The bearer token was refused: ${(error as Error).message}`, 'error="invalid_token"');
  }
};

const unauthenticated = (message: string, problem?: string) =>
  requestRefusal(new UnauthenticatedError(message), 401, [['www-authenticate', ['Bearer realm="pipeline-crm"', problem].filter(Boolean).join(', ')]]);
