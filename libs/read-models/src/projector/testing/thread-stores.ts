import { join } from 'node:path';
import { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { REBUILD_THREAD_BUSY_TIMEOUT_MS, type RebuildStores } from '../rebuild-thread-messages';

/** A rebuild thread's stores in a test's folder (a `RebuildStoresModule`); `{ fail: message }` fails the opening. */
export const openRebuildStores = async (argument: unknown): Promise<RebuildStores> => {
  const { dir, fail } = argument as { dir: string; fail?: string };
  if (fail !== undefined) throw new Error(fail);
  const events = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const store = new SqliteReadStore({ filename: join(dir, 'read-models.sqlite'), busyTimeoutMs: REBUILD_THREAD_BUSY_TIMEOUT_MS });
  return {
    events,
    store,
    close: async () => {
      await store.close();
      await events.close();
    },
  };
};
