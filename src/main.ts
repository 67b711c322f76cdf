import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@crm/event-store';

/** The embedded default: everything under one data folder. */
const main = async (): Promise<void> => {
  const dataDir = resolve(process.env.CRM_DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const store = new SqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  const head = await store.headPosition();
  console.log(`Pipeline CRM event store ready at ${join(dataDir, 'events.sqlite')} (head position: ${head ?? 'empty'})`);
  await store.close();
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
