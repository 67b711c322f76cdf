import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Stores } from '@crm/application';
import type { Projector } from '@crm/read-models';
import { ApiModule, type CommandSender } from './api.module';
import { mountGraphiqlAssets } from './graphiql/graphiql-assets';
import { graphiqlPageMiddleware } from './graphiql/graphiql-page.middleware';
import { requestLogger } from './logging/request-logger';

export interface ApiServerOptions {
  stores: Stores;
  jwtSecret: string;
  projector: Projector;
  /** Where commands run, when not in this thread. */
  commands?: CommandSender;
  host: string;
  port: number;
}

/** Builds and starts the HTTP server. The caller handles signals, so it can stop background work first. */
export const startApiServer = async (options: ApiServerOptions): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '100kb' });
  app.use(requestLogger);
  app.use('/graphql', graphiqlPageMiddleware('/graphql'));
  mountGraphiqlAssets(app.getHttpAdapter().getInstance());
  await app.listen(options.port, options.host);
  return app;
};
