import type { Clock, ReadStore } from './read-store.port';
import { SqliteReadStore } from './sqlite/sqlite-read-store';
import { MongoReadStore } from './mongo/mongo-read-store';

/** How to reach the read store: `READ_STORE=sqlite` (embedded default) or `READ_STORE=mongo` with `MONGODB_URL`. */
export type ReadStoreConfig =
  | { kind: 'sqlite'; filename: string; clock?: Clock; crossProcessSignals?: boolean; busyTimeoutMs?: number }
  | { kind: 'mongo'; url: string; dbName?: string; clock?: Clock };

export async function openReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.kind === 'sqlite') return new SqliteReadStore({ filename: config.filename, clock: config.clock, crossProcessSignals: config.crossProcessSignals, busyTimeoutMs: config.busyTimeoutMs });
  return MongoReadStore.connect(config.url, { dbName: config.dbName, clock: config.clock });
}
