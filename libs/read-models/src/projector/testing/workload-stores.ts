import { join } from 'node:path';
import type { SqliteEventStore } from '@crm/event-store';
import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import { appendWorkload, openEvents, tempDir } from './projector-fixtures';

/**
 * For one describe block: a fresh events file holding `count` events of the workload and a read store
 * beside it, made before the block's tests (before each with `each`) and removed after.
 */
export const workloadStores = (count: number, seed: number, each = false): { readonly events: SqliteEventStore; readonly store: SqliteReadStore } => {
  let tmp: ReturnType<typeof tempDir>;
  const held = {} as { events: SqliteEventStore; store: SqliteReadStore };
  (each ? beforeEach : beforeAll)(async () => {
    tmp = tempDir();
    held.events = openEvents(tmp.dir);
    held.store = new SqliteReadStore({ filename: join(tmp.dir, 'read-models.sqlite') });
    await appendWorkload(held.events, count, seed);
  });
  (each ? afterEach : afterAll)(async () => {
    await held.store.close();
    await held.events.close();
    tmp.cleanup();
  });
  return held;
};
