import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { RequestContext } from './request-user';
import type { VerifiedTokens } from './verified-tokens';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller-supplied correlation id is kept (so a client's trace spans our events), if it is sane. */
export const correlationIdOf = (req: Request): string => {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
};

export const createRequestContext = async (req: Request, tokens: VerifiedTokens): Promise<RequestContext> => {
  const correlationId = (req as Request & { correlationId?: string }).correlationId ?? correlationIdOf(req);
  const header = req.headers.authorization;
  if (!header) return { user: null, authProblem: null, correlationId, loaders: new Map() };
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    return { user: null, authProblem: 'The Authorization header must be "Bearer <token>"', correlationId, loaders: new Map() };
  }
  try {
    return { user: await tokens.verify(token), authProblem: null, correlationId, loaders: new Map() };
  } catch (error) {
    return { user: null, authProblem: `The bearer token was refused: ${(error as Error).message}`, correlationId, loaders: new Map() };
  }
};
