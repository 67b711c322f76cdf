import { loadConfig, type CrmConfig } from '@crm/application';
import { REBUILD_THREAD_BUSY_TIMEOUT_MS, openReadStore, type RebuildStores } from '@crm/read-models';
import { openEventStore } from './cli-stores';

/**
 * The stores a projector works on, as the environment configures them: the log with its personal
 * fields opened, and the read models. The projections commands open them, and so does each thread of
 * `projections rebuild --all` for itself.
 */
export const openProjectorStores = async (env: NodeJS.ProcessEnv, options: { busyTimeoutMs?: number } = {}): Promise<RebuildStores & { config: CrmConfig }> => {
  const config = loadConfig(env);
  const opened = await openEventStore({ env }, 'write');
  const closeLog = async (): Promise<void> => {
    await Promise.allSettled([opened.store.close(), opened.keyStore.close()]);
  };
  try {
    const store = await openReadStore(
      config.readStore.kind === 'mongo'
        ? { kind: 'mongo', url: config.readStore.url, dbName: config.readStore.database }
        : { kind: 'sqlite', filename: config.readStore.path, busyTimeoutMs: options.busyTimeoutMs },
    );
    return {
      events: opened.store,
      store,
      config,
      close: async () => {
        try {
          await store.close();
        } finally {
          await closeLog();
        }
      },
    };
  } catch (error) {
    await closeLog();
    throw error;
  }
};

/** What a rebuild thread opens its stores with (a `RebuildStoresModule`): the CLI's environment, cloned into the thread. */
export const openRebuildStores = (argument: unknown): Promise<RebuildStores> =>
  openProjectorStores(argument as NodeJS.ProcessEnv, { busyTimeoutMs: REBUILD_THREAD_BUSY_TIMEOUT_MS });
