import 'reflect-metadata';
import { ErasureProcess, loadConfig, loadOrCreateJwtSecret, loadScaledConfig, openStores, privateWebhookTargetsAllowed } from '@crm/application';
import { Projector } from '@crm/read-models';
import { startApiServer, stopApiServer } from './bootstrap';

/**
 * The scaled API process: stateless, many replicas behind a load balancer, against EventStoreDB and
 * MongoDB (EVENT_STORE=esdb READ_STORE=mongo), or several processes on one data folder's SQLite files.
 * Projections run in apps/projector.
 */
const main = async (): Promise<void> => {
  const config = loadConfig();
  const scaled = loadScaledConfig();
  const stores = await openStores(config, process.env, { crossProcessSignals: true, crossProcessPollMs: scaled.crossProcessPollMs });
  const jwtSecret = loadOrCreateJwtSecret(config.dataDir);
  // Not started here: the API only reads projection status and may run an analyst's rebuild. Its
  // read-your-writes waits are told by the read store when the projector processes stored a batch.
  const projector = new Projector(stores.eventStore, stores.readStore, {
    leaseTtlMs: scaled.leaseTtlMs,
    rebuildMemoryBudgetBytes: config.rebuildMemoryBudgetBytes,
    readers: { watchStore: true, pollMs: scaled.crossProcessPollMs },
  });
  const app = await startApiServer({
    stores, jwtSecret, tokenPolicy: config.tokenPolicy, corsOrigins: config.corsOrigins, liveMaxQueued: config.liveMaxQueued, projector, host: config.host, port: config.port,
    allowPrivateWebhookTargets: privateWebhookTargetsAllowed(),
  });
  // Commands run here in the scaled shape: an erasure a crash interrupted is completed first.
  await app.get(ErasureProcess).completePending();
  console.log(`Pipeline CRM API on http://${config.host}:${config.port}/graphql`);
  const shutdown = (): void => {
    stopApiServer(app).then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
