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
    const process = await startProductProcess({ dataDir, env, entry, readyWhenPrinted: ready });
    started.push(process);
    return process;
  };
  const killAll = async (): Promise<void> => {
    await Promise.all(started.map((process) => process.kill('SIGKILL')));
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
export const projectorLeaseHolders = (dataDir: string): Map<string, number> => {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const sql = "SELECT name, owner FROM _leases WHERE (name LIKE 'projection:%' AND name NOT LIKE '%:rebuild' OR name LIKE 'process:%' OR name = 'webhook-delivery') AND expires_at > ?";
    const rows = db.prepare(sql).all(Date.now()) as Array<{ name: string; owner: string }>;
    return new Map(rows.map((row) => [row.name, pidOf(row.owner)]));
  } finally {
    db.close();
  }
};
