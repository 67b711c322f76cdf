import type { EventStore } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';

/**
 * How long a rebuild thread's writes to a shared SQLite file wait for another thread's (the embedded
 * store's `busyTimeoutMs`): an index build over a table of a 3,000,000-event log holds the write lock
 * for a second or more, several times that on a loaded machine, where 5 s would fail the rebuild.
 */
export const REBUILD_THREAD_BUSY_TIMEOUT_MS = 120_000;

/** What a rebuild thread works on: its own connections to the stores every thread shares. */
export interface RebuildStores {
  events: EventStore;
  store: ReadStore;
  close(): Promise<void>;
}

/**
 * The module a rebuild thread opens its stores with (`RebuildThreadsOptions.stores.module`): it
 * exports `openRebuildStores`, called with `stores.argument` as it crossed into the thread.
 */
export interface RebuildStoresModule {
  openRebuildStores(argument: unknown): Promise<RebuildStores>;
}
