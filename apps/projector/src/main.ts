import 'reflect-metadata';
import { loadConfig, loadScaledConfig } from '@crm/application';
import { startProjector } from './start-projector';

/**
 * The scaled projector process: every projection under its own lease (run several for failover; each
 * projection is applied by one of them at a time) plus the lead conversion runner.
 * EVENT_STORE=esdb and READ_STORE=mongo select the production stores; SQLite files by default, which
 * several processes share on one data folder, signalling each other their commits.
 */
const main = async (): Promise<void> => {
  const scaled = loadScaledConfig();
  const running = await startProjector(loadConfig(), {
    leaseTtlMs: scaled.leaseTtlMs,
    stores: { crossProcessSignals: true, crossProcessPollMs: scaled.crossProcessPollMs },
  });
  console.log('Projector running');
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
