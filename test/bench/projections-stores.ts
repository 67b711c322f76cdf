import { join } from 'node:path';
import { SqliteEventStore } from '@crm/event-store';
import { REBUILD_THREAD_BUSY_TIMEOUT_MS, SqliteReadStore, type RebuildStores } from '@crm/read-models';

/** Where the projections bench's rebuild threads open the bench's log and read-model file (a `RebuildStoresModule`). */
export const openRebuildStores = async (argument: unknown): Promise<RebuildStores> => {
  const { dir, readModels } = argument as { dir: string; readModels: string };
  const events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const store = new SqliteReadStore({ filename: join(dir, readModels), busyTimeoutMs: REBUILD_THREAD_BUSY_TIMEOUT_MS });
  return {
    events,
    store,
    close: async () => {
      await store.close();
      await events.close();
    },
  };
};
