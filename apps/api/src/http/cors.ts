import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * Cross-origin calls from the browser origins of CRM_CORS_ORIGINS only; with none (the default) no
 * CORS header is sent and browsers keep other sites from reading the API's answers.
 */
export const corsOptions = (origins: readonly string[]): CorsOptions | null =>
  origins.length === 0
    ? null
    : {
        origin: [...origins],
        methods: ['GET', 'POST'],
        allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', 'apollo-require-preflight'],
        exposedHeaders: ['x-correlation-id'],
        maxAge: 600,
      };
