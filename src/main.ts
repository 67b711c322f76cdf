import './production-env';
import 'reflect-metadata';
import { startEmbedded } from './embedded';

/** `npm start`: the whole product in one process on 127.0.0.1, data under ${CRM_DATA_DIR:-./data}. */
const main = async (): Promise<void> => {
  const { config, stop } = await startEmbedded(process.env, {
    onWritePathLost: (error) => {
      console.error(`${error.message}: stopping, as no write can be taken any more`);
      process.exit(1);
    },
  });
  const url = `http://${config.host}:${config.port}/graphql`;
  console.log(`Pipeline CRM is running: ${url} (open it in a browser for GraphiQL)`);
  console.log(`Dashboard: http://${config.host}:${config.port}/dashboard (the pipeline, its movement, the forecast and the lead funnel, with a token)`);
  console.log(`Data: ${config.dataDir}`);
  console.log('Get a token: npm run crm -- token --role rep   (roles: rep manager auditor analyst privacy admin)');
  const shutdown = (): void => {
    stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
