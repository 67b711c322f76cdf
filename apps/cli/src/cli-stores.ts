import { existsSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadConfig, openPersonalData, openStores, PersonalDataEventStore, type CrmConfig, type PersonalDataCodec, type Stores } from '@crm/application';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@crm/event-store';
import { loadOrCreateMasterKey, type KeyStore, type MasterKey } from '@crm/key-store';
import type { CliIo } from './cli-context';

export interface OpenedStore {
  /** The log with personal fields opened (null for an erased person). */
  store: EventStore;
  /** The log as stored, personal fields sealed: what the audit's hash chain covers. */
  stored: EventStore;
  keyStore: KeyStore;
  masterKey: MasterKey;
  personalData: PersonalDataCodec;
  config: CrmConfig;
  /** What is known only about the embedded store: its file (for the audit's extra checks). */
  sqlitePath: string | null;
}

/** No event store file where one is expected: the command has nothing to work on. */
export class MissingStoreError extends Error {
  constructor(path: string) {
    super(`No event store at ${path} (set CRM_DATA_DIR, or create data with \`crm seed\`)`);
    this.name = 'MissingStoreError';
  }
}

/** How a command wants the log opened, where the store has such a setting (the embedded one). */
export interface LogOptions {
  /** The log connection's page cache (SqliteEventStoreOptions.pageCacheKiB). */
  pageCacheKiB?: number;
}

const openLog = (config: CrmConfig, mode: 'read' | 'write', options: LogOptions): { stored: EventStore; sqlitePath: string | null } => {
  if (config.eventStore.kind === 'esdb') return { stored: new EsdbEventStore({ connectionString: config.eventStore.url }), sqlitePath: null };
  const { path } = config.eventStore;
  if (mode === 'read' && !existsSync(path)) throw new MissingStoreError(path);
  mkdirSync(config.dataDir, { recursive: true });
  return { stored: new SqliteEventStore({ path, pageCacheKiB: options.pageCacheKiB }), sqlitePath: path };
};

/**
 * Opens the event store the configuration names (SQLite under CRM_DATA_DIR by default, EventStoreDB
 * with EVENT_STORE=esdb) with the keys that open its personal fields. Reading commands never create
 * an empty store file, or a master key that could read nothing, by accident.
 */
export const openEventStore = async (io: Pick<CliIo, 'env'>, mode: 'read' | 'write', options: LogOptions = {}): Promise<OpenedStore> => {
  const config = loadConfig(io.env);
  const { stored, sqlitePath } = openLog(config, mode, options);
  try {
    const { keyStore, masterKey, personalData } = await openPersonalData(config, io.env, mode === 'write');
    return { store: new PersonalDataEventStore(stored, personalData), stored, keyStore, masterKey, personalData, config, sqlitePath };
  } catch (error) {
    await stored.close();
    throw error;
  }
};

export const withEventStore = async <T>(
  io: CliIo, mode: 'read' | 'write', work: (opened: OpenedStore) => Promise<T>, options: LogOptions = {},
): Promise<T> => {
  const opened = await openEventStore(io, mode, options);
  try {
    return await work(opened);
  } finally {
    await Promise.allSettled([opened.store.close(), opened.keyStore.close()]);
  }
};

/**
 * Every store of a data folder that already holds a log (events, read models, keys), for commands
 * about what is recorded: a mistyped data folder must not answer from a new, empty store, nor make a
 * master key that could read nothing.
 */
export const openExistingStores = async (io: CliIo): Promise<Stores> => {
  const config = loadConfig(io.env);
  if (config.eventStore.kind === 'sqlite' && !existsSync(config.eventStore.path)) throw new MissingStoreError(config.eventStore.path);
  loadOrCreateMasterKey(config.dataDir, io.env, false);
  return openStores(config, io.env);
};

/**
 * The highest position SQLite ever assigned in the log (AUTOINCREMENT's sqlite_sequence). A log whose
 * last event is below it lost its newest events, which no chain can show.
 */
export const lastAssignedPosition = (sqlitePath: string): bigint | null => {
  const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as number | undefined;
    return seq === undefined ? null : BigInt(seq);
  } finally {
    db.close();
  }
};
