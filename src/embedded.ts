import type { NestExpressApplication } from '@nestjs/platform-express';
import { LeadConversionRunner, loadConfig, loadOrCreateJwtSecret, openStores, type CrmConfig } from '@crm/application';
import { Projector } from '@crm/read-models';
import { startApiServer } from '../apps/api/src/bootstrap';

export interface EmbeddedProcess {
  config: CrmConfig;
  app: NestExpressApplication;
  /** Head of the event log, for checks that nothing was written. */
  headPosition(): Promise<bigint | null>;
  stop(): Promise<void>;
}

/**
 * The embedded default: API, projections and the lead-conversion process in one process, over SQLite
 * files in the data folder. The projector starts first so the API's first read-your-writes wait has
 * something to wait for.
 */
export const startEmbedded = async (env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedProcess> => {
  const config = loadConfig(env);
  const stores = await openStores(config);
  const projector = new Projector(stores.eventStore, stores.readStore);
  await projector.start();
  const jwtSecret = loadOrCreateJwtSecret(config.dataDir, env);
  const app = await startApiServer({ stores, jwtSecret, projector, host: config.host, port: config.port });
  const conversions = app.get(LeadConversionRunner);
  conversions.start();
  return {
    config,
    app,
    headPosition: () => stores.eventStore.headPosition(),
    stop: async () => {
      await conversions.stop();
      await projector.stop();
      await app.close();
    },
  };
};
