import { EsdbEventStore, SqliteEventStore, type EventStore } from '@crm/event-store';
import type { KeyStore, MasterKey } from '@crm/key-store';
import { openReadStore, type ReadStore } from '@crm/read-models';
import { mkdirSync } from 'node:fs';
import type { CrmConfig } from '../config/crm-config';
import { assertNoPlainPersonalData } from '../privacy/encrypted-log-check';
import { openPersonalData } from '../privacy/open-personal-data';
import type { PersonalDataCodec } from '../privacy/personal-data-codec';
import { PersonalDataEventStore } from '../privacy/personal-data-event-store';

export interface Stores {
  /** The log as the system reads it: personal fields opened for whoever may see them. */
  eventStore: EventStore;
  /** The log as stored, personal fields sealed: what the audit's hash chain covers. */
  storedEvents: EventStore;
  readStore: ReadStore;
  keyStore: KeyStore;
  masterKey: MasterKey;
  personalData: PersonalDataCodec;
  close(): Promise<void>;
}

export interface OpenStoresOptions {
  /**
   * The scaled shape on the embedded stores: several processes on one data folder signal each other
   * their commits (a signal file beside each SQLite file) instead of each waiting for its next poll.
   */
  crossProcessSignals?: boolean;
  /** The poll that remains as a safety net for other processes' commits (SQLite event store's default 200 ms). */
  crossProcessPollMs?: number;
}

/** Opens the stores the configuration names: SQLite files under the data folder by default. */
export const openStores = async (config: CrmConfig, env: NodeJS.ProcessEnv = process.env, options: OpenStoresOptions = {}): Promise<Stores> => {
  const { crossProcessSignals, crossProcessPollMs } = options;
  mkdirSync(config.dataDir, { recursive: true });
  const { keyStore, masterKey, personalData } = await openPersonalData(config, env, true);
  const storedEvents =
    config.eventStore.kind === 'esdb'
      ? new EsdbEventStore({ connectionString: config.eventStore.url })
      : new SqliteEventStore({ path: config.eventStore.path, crossProcessSignals, crossProcessPollMs });
  const closeAll = async () => {
    await Promise.allSettled([storedEvents.close(), readStore?.close(), keyStore.close()]);
  };
  let readStore: ReadStore | undefined;
  try {
    await assertNoPlainPersonalData(storedEvents, personalData, config.eventStore.kind === 'esdb' ? config.eventStore.url : config.eventStore.path);
    readStore = await openReadStore(
      config.readStore.kind === 'mongo'
        ? { kind: 'mongo', url: config.readStore.url, dbName: config.readStore.database }
        : { kind: 'sqlite', filename: config.readStore.path, crossProcessSignals },
    );
  } catch (error) {
    await closeAll();
    throw error;
  }
  const opened = readStore;
  return {
    eventStore: new PersonalDataEventStore(storedEvents, personalData),
    storedEvents,
    readStore: opened,
    keyStore,
    masterKey,
    personalData,
    close: closeAll,
  };
};
