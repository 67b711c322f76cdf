import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, loadOrCreateJwtSecret, openStores, privateWebhookTargetsAllowed, type CrmConfig } from '@crm/application';
import { Projector } from '@crm/read-models';
import { startApiServer, stopApiServer } from '../apps/api/src/bootstrap';
import { WriteWorker } from './write-worker/write-worker';

export interface EmbeddedProcess {
  config: CrmConfig;
  app: NestExpressApplication;
  /** Head of the event log, for checks that nothing was written. */
  headPosition(): Promise<bigint | null>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** A module the write worker requires first: a TypeScript loader when running from sources. */
  workerPreload?: string;
  /** The write worker ended without being asked to: the process can no longer take writes. */
  onWritePathLost?(error: Error): void;
}

/**
 * The embedded default: API, projections and the lead-conversion process in one process, over SQLite
 * files in the data folder. The write path (commands, appends, live projections, lead conversions)
 * runs on a worker thread; this thread serves HTTP and GraphQL and reads. The worker is ready, its
 * projections started, before the API takes its first request.
 */
export const startEmbedded = async (env: NodeJS.ProcessEnv = process.env, options: EmbeddedOptions = {}): Promise<EmbeddedProcess> => {
  const config = loadConfig(env);
  const stores = await openStores(config, env);
  // Not started here: it serves projection status, analysts' rebuilds and read-your-writes waits,
  // fed with the write worker's news.
  const projector = new Projector(stores.eventStore, stores.readStore, { rebuildMemoryBudgetBytes: config.rebuildMemoryBudgetBytes });
  const writes = await WriteWorker.start({ env, signals: projector.signals, preload: options.workerPreload, onUnexpectedExit: options.onWritePathLost });
  let app: NestExpressApplication;
  try {
    const jwtSecret = loadOrCreateJwtSecret(config.dataDir, env);
    app = await startApiServer({
      stores, jwtSecret, tokenPolicy: config.tokenPolicy, corsOrigins: config.corsOrigins, liveMaxQueued: config.liveMaxQueued, projector, commands: writes, host: config.host, port: config.port,
      allowPrivateWebhookTargets: privateWebhookTargetsAllowed(env),
    });
  } catch (error) {
    await writes.stop();
    throw error;
  }
  return {
    config,
    app,
    headPosition: () => stores.eventStore.headPosition(),
    // HTTP first: every request that reached the process is answered (its command still has the
    // worker), new connections are refused.
    stop: async () => {
      await stopApiServer(app);
      await writes.stop();
    },
  };
};
