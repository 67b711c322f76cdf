import { existsSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadConfig, type CrmConfig } from '@crm/application';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@crm/event-store';
import type { CliIo } from './cli-context';

export interface OpenedStore {
  store: EventStore;
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

/**
 * Opens the event store the configuration names (SQLite under CRM_DATA_DIR by default, EventStoreDB
 * with EVENT_STORE=esdb). Reading commands never create an empty store file by accident.
 */
export const openEventStore = (io: CliIo, mode: 'read' | 'write'): OpenedStore => {
  const config = loadConfig(io.env);
  if (config.eventStore.kind === 'esdb') {
    return { store: new EsdbEventStore({ connectionString: config.eventStore.url }), config, sqlitePath: null };
  }
  const { path } = config.eventStore;
  if (mode === 'read' && !existsSync(path)) throw new MissingStoreError(path);
  mkdirSync(config.dataDir, { recursive: true });
  return { store: new SqliteEventStore({ path }), config, sqlitePath: path };
};

export const withEventStore = async <T>(io: CliIo, mode: 'read' | 'write', work: (opened: OpenedStore) => Promise<T>): Promise<T> => {
  const opened = openEventStore(io, mode);
  try {
    return await work(opened);
  } finally {
    await opened.store.close();
  }
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
