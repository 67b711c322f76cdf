import { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { besideThisFile } from '../threads/start-thread';
import { REBUILD_THREAD_BUSY_TIMEOUT_MS, type RebuildStores } from './rebuild-stores';

/** This module, for `RebuildThreadsOptions.stores.module` (compiled a .js file, from sources a .ts one). */
export const SQLITE_REBUILD_STORES = besideThisFile(__filename, 'sqlite-rebuild-stores');

/**
 * A rebuild thread's stores on the embedded files, named by path (a `RebuildStoresModule`): the log as
 * stored, without personal fields to open (the projections bench's log and tests' have none sealed).
 */
export const openRebuildStores = async (argument: unknown): Promise<RebuildStores> => {
  const { events: eventsPath, readModels } = argument as { events: string; readModels: string };
  const events = new SqliteEventStore({ path: eventsPath });
  let store: SqliteReadStore;
  try {
    store = new SqliteReadStore({ filename: readModels, busyTimeoutMs: REBUILD_THREAD_BUSY_TIMEOUT_MS });
  } catch (error) {
    await events.close();
    throw error;
  }
  return {
    events,
    store,
    close: async () => {
      await store.close();
      await events.close();
    },
  };
};
