import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Stores, TokenPolicy } from '@crm/application';
import type { Projector } from '@crm/read-models';
import { ApiModule, type CommandSender } from './api.module';
import { mountDashboard } from './dashboard/dashboard.routes';
import { mountGraphiqlAssets } from './graphiql/graphiql-assets';
import { graphiqlPageMiddleware } from './graphiql/graphiql-page.middleware';
import { corsOptions } from './http/cors';
import { refusedBody } from './http/refused-body';
import { securityHeaders } from './http/security-headers';
import { requestLogger } from './logging/request-logger';
import { HttpDrain } from './shutdown/http-drain';
import { VerifiedTokens } from './auth/verified-tokens';
import { LiveServer } from './live/live-server';

export interface ApiServerOptions {
  stores: Stores;
  jwtSecret: string;
  /** Issuer, audience and clock tolerance a token must meet (CRM_JWT_ISSUER, CRM_JWT_AUDIENCE, CRM_JWT_CLOCK_TOLERANCE). */
  tokenPolicy?: TokenPolicy;
  /** Browser origins allowed to call the API (CRM_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Most changes one subscription may have waiting before it is cut off (CRM_LIVE_MAX_QUEUED). */
  liveMaxQueued?: number;
  projector: Projector;
  /** Where commands run, when not in this thread. */
  commands?: CommandSender;
  /** CRM_WEBHOOK_ALLOW_PRIVATE=1: webhooks may target private addresses. */
  allowPrivateWebhookTargets?: boolean;
  host: string;
  port: number;
}

/** Longer than any request takes: a command plus the read-your-writes wait. */
const HTTP_DRAIN_TIMEOUT_MS = 10_000;

const drains = new WeakMap<NestExpressApplication, HttpDrain>();
const liveServers = new WeakMap<NestExpressApplication, LiveServer>();

/**
 * Builds and starts the HTTP server. The caller handles signals, so it can stop background work first,
 * and stops it with `stopApiServer`.
 */
export const startApiServer = async (options: ApiServerOptions): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  // First, so that every answer carries them, a refused body or an unknown route too.
  app.use(securityHeaders());
  const cors = corsOptions(options.corsOrigins ?? []);
  if (cors) app.enableCors(cors);
  // Before the body parser, so that a refused body is logged and answered with a correlation id too.
  app.use(requestLogger);
  app.useBodyParser('json', { limit: '100kb' });
  app.use('/graphql', refusedBody);
  app.use('/graphql', graphiqlPageMiddleware('/graphql'));
  mountGraphiqlAssets(app.getHttpAdapter().getInstance());
  mountDashboard(app.getHttpAdapter().getInstance(), '/graphql');
  drains.set(app, new HttpDrain(app.getHttpServer()));
  // Initialised first, so the schema exists and subscriptions are served from the first connection.
  await app.init();
  const schema = app.get(GraphQLSchemaHost).schema;
  liveServers.set(app, LiveServer.mount(app.getHttpServer(), { schema, tokens: app.get(VerifiedTokens), path: '/graphql' }));
  await app.listen(options.port, options.host);
  return app;
};

/**
 * Closes the subscription sockets (clients resume elsewhere with `after`), answers every request that
 * reached the process and closes HTTP (new connections are refused), then
 * closes the application: GraphQL, the operations still running for clients that hung up, the stores.
 */
export const stopApiServer = async (app: NestExpressApplication): Promise<void> => {
  // Subscription sockets first: an upgraded connection would hold the HTTP drain open until its timeout.
  await liveServers.get(app)?.close();
  const drain = drains.get(app);
  if (drain && !(await drain.close(HTTP_DRAIN_TIMEOUT_MS))) {
    new Logger('Shutdown').warn(`HTTP connections still open after ${HTTP_DRAIN_TIMEOUT_MS} ms: closed under their requests`);
  }
  await app.close();
};
