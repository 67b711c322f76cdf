import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, openStores, seedDemoData } from '@crm/application';

/** What the seed writes into a data folder and the server needs to open it again. */
const SEEDED_FILES = ['events.sqlite', 'keys.sqlite', 'master-key'];
/** A fixed end of the seeded history: the same seed then writes the same data on any day. */
const SEED_END = new Date('2026-01-01T00:00:00.000Z');
const SEED = 42;

const seedInto = async (dataDir: string, leads: number): Promise<void> => {
  const env: NodeJS.ProcessEnv = { CRM_DATA_DIR: dataDir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' };
  const stores = await openStores(loadConfig(env), env);
  try {
    await seedDemoData(stores.eventStore, stores.personalData, { leads, seed: SEED, end: SEED_END });
  } finally {
    await stores.close();
  }
  // Only the log and its keys: the server builds its read models from them at start.
  for (const file of ['read-models.sqlite', 'read-models.sqlite-wal', 'read-models.sqlite-shm']) rmSync(join(dataDir, file), { force: true });
};

/**
 * Seeds `leads` leads (the demo data of `crm seed`, seed 42, history ending 2026-01-01) into
 * `dataDir`. Seeding 100,000 leads takes about two minutes here, so with `cacheDir` (the
 * BENCH_SEED_CACHE variable) the seeded log is kept there and copied from it by later runs.
 */
export const seedListsData = async (dataDir: string, leads: number, cacheDir: string | undefined): Promise<void> => {
  if (cacheDir === undefined || cacheDir === '') return seedInto(dataDir, leads);
  const cached = join(cacheDir, `lists-${leads}-leads-seed-${SEED}`);
  if (!existsSync(join(cached, 'complete'))) {
    const building = `${cached}.building`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await seedInto(building, leads);
    writeFileSync(join(building, 'complete'), SEED_END.toISOString());
    rmSync(cached, { recursive: true, force: true });
    renameSync(building, cached);
  }
  mkdirSync(dataDir, { recursive: true });
  for (const file of SEEDED_FILES) copyFileSync(join(cached, file), join(dataDir, file));
};
