import { EsdbEventStore, SqliteEventStore, type EventStore } from '@crm/event-store';
import { openReadStore, type ReadStore } from '@crm/read-models';
import { mkdirSync } from 'node:fs';
import type { CrmConfig } from '../config/crm-config';

export interface Stores {
  eventStore: EventStore;
  readStore: ReadStore;
  close(): Promise<void>;
}

/** Opens the two stores the configuration names: SQLite files under the data folder by default. */
export const openStores = async (config: CrmConfig): Promise<Stores> => {
  mkdirSync(config.dataDir, { recursive: true });
  const eventStore =
    config.eventStore.kind === 'esdb'
      ? new EsdbEventStore({ connectionString: config.eventStore.url })
      : new SqliteEventStore({ path: config.eventStore.path });
  const readStore = await openReadStore(
    config.readStore.kind === 'mongo'
      ? { kind: 'mongo', url: config.readStore.url, dbName: config.readStore.database }
      : { kind: 'sqlite', filename: config.readStore.path },
  );
  return {
    eventStore,
    readStore,
    close: async () => {
      await Promise.allSettled([eventStore.close(), readStore.close()]);
    },
  };
};
