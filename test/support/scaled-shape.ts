import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startProductProcess, type ProductProcess } from './product-process';

export const API_ENTRY = 'apps/api/src/main.ts';
export const PROJECTOR_ENTRY = 'apps/projector/src/main.ts';
/** What apps/projector prints once its projections are built and followed. */
const PROJECTOR_READY = 'Projector running';

/** The scaled shape on one data folder: apps/api and apps/projector processes sharing its SQLite files. */
export interface ScaledShape {
  apis: ProductProcess[];
  projectors: ProductProcess[];
  /** SIGKILL for whatever is still running (a test's afterAll). */
  killAll(): Promise<void>;
}

/** The projectors first, one after the other (the first builds the read models and so holds every lease), then the APIs at once. */
export const startScaledShape = async (dataDir: string, env: NodeJS.ProcessEnv, counts = { apis: 2, projectors: 2 }): Promise<ScaledShape> => {
  const started: ProductProcess[] = [];
  const start = async (entry: string, ready?: string): Promise<ProductProcess> => {
    const child = await startProductProcess({ dataDir, env, entry, readyWhenPrinted: ready });
    started.push(child);
    return child;
  };
  const killAll = async (): Promise<void> => {
    await Promise.all(started.map((child) => child.kill('SIGKILL')));
  };
  try {
    const projectors: ProductProcess[] = [];
    for (let i = 0; i < counts.projectors; i++) projectors.push(await start(PROJECTOR_ENTRY, PROJECTOR_READY));
    const apis = await Promise.all(Array.from({ length: counts.apis }, () => start(API_ENTRY)));
    return { apis, projectors, killAll };
  } catch (error) {
    await killAll();
    throw error;
  }
};

/** The pid in a lease owner (`host:pid:random`, see the Projector's default owner). */
const pidOf = (owner: string): number => Number(owner.split(':').at(-2));

/**
 * Who holds each lease of a projector's steady work (each projection's live lease, each background
 * process's, the webhook deliverer's), by pid, read from the read store's file as another process sees it (read-only: it takes
 * no lock a product process would wait for). Expired leases are left out.
 */
export const projectorLeaseHolders = (dataDir: string): Map<string, number> =>
  readOnly(join(dataDir, 'read-models.sqlite'), (db) => {
    const sql = "SELECT name, owner FROM _leases WHERE (name LIKE 'projection:%' AND name NOT LIKE '%:rebuild' OR name LIKE 'process:%' OR name = 'webhook-delivery') AND expires_at > ?";
    const rows = db.prepare(sql).all(Date.now()) as Array<{ name: string; owner: string }>;
    return new Map(rows.map((row) => [row.name, pidOf(row.owner)]));
  });

/** Read-only, as another process sees the file: it takes no lock a product process would wait for. */
const readOnly = <T>(file: string, read: (db: Database.Database) => T): T => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};

/** The position of the last event recorded (of `type` when given); null when there is none. */
export const lastLogPosition = (dataDir: string, type?: string): bigint | null =>
  readOnly(join(dataDir, 'events.sqlite'), (db) => {
    const row = (type === undefined
      ? db.prepare('SELECT MAX(position) AS position FROM events').get()
      : db.prepare('SELECT MAX(position) AS position FROM events WHERE type = (SELECT id FROM event_names WHERE kind = 1 AND name = ?)').get(type)) as { position: number | null };
    return row.position === null ? null : BigInt(row.position);
  });

/** A checkpoint's position in the read store (a background process's: `process:lead-conversion`); null when none. */
export const checkpointPosition = (dataDir: string, name: string): bigint | null =>
  readOnly(join(dataDir, 'read-models.sqlite'), (db) => {
    const row = db.prepare('SELECT position FROM _checkpoints WHERE name = ?').get(name) as { position: string | null } | undefined;
    return row?.position == null ? null : BigInt(row.position);
  });
