import 'reflect-metadata';
import { loadConfig } from '@crm/application';
import { startProjector } from './start-projector';

/**
 * The scaled projector process: every projection under its own lease (run several for failover; each
 * projection is applied by one of them at a time) plus the lead conversion runner.
 * EVENT_STORE=esdb and READ_STORE=mongo select the production stores; SQLite files by default.
 */
const main = async (): Promise<void> => {
  const running = await startProjector(loadConfig());
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
