import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import { correlationIdOf } from '../auth/request-context.factory';

export const logger = pino({ name: 'pipeline-crm', level: process.env.LOG_LEVEL ?? 'info' });

/**
 * One structured line per request, written when the response is finished, with its duration and
 * correlation id (echoed in the x-correlation-id response header and stored on every event it causes).
 */
export const requestLogger = (req: Request, res: Response, next: NextFunction): void => {
  const started = process.hrtime.bigint();
  // Captured now: middleware mounted on a path (GraphQL at /graphql) rewrites req.path to be relative.
  const path = req.path;
  const correlationId = correlationIdOf(req);
  (req as Request & { correlationId: string }).correlationId = correlationId;
  res.setHeader('x-correlation-id', correlationId);
  res.on('finish', () => {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info({ method: req.method, path, status: res.statusCode, durationMs: Math.round(durationMs * 100) / 100, correlationId }, 'request');
  });
  next();
};
