import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { verifyToken } from '@crm/application';
import type { RequestContext } from './request-user';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller-supplied correlation id is kept (so a client's trace spans our events), if it is sane. */
export const correlationIdOf = (req: Request): string => {
  const header = req.headers['x-correlation-id'];
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
};

export const createRequestContext = async (req: Request, secret: string): Promise<RequestContext> => {
  const correlationId = (req as Request & { correlationId?: string }).correlationId ?? correlationIdOf(req);
  const header = req.headers.authorization;
  if (!header) return { user: null, authProblem: null, correlationId, loaders: new Map() };
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    return { user: null, authProblem: 'The Authorization header must be "Bearer <token>"', correlationId, loaders: new Map() };
  }
  try {
    return { user: await verifyToken(token, secret), authProblem: null, correlationId, loaders: new Map() };
  } catch (error) {
    return { user: null, authProblem: `The bearer token was refused: ${(error as Error).message}`, correlationId, loaders: new Map() };
  }
};
