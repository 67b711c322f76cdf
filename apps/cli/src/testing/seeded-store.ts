import { loadConfig, openPersonalData, PersonalDataEventStore } from '@crm/application';
import { SqliteEventStore, type RecordedEvent } from '@crm/event-store';
import { tempDataDir, type TempDataDir } from './buffer-io';

export const SEED_UNTIL = '2026-01-01T00:00:00Z';

export interface SeededStore extends TempDataDir {
  /** The log as the application reads it: personal fields opened with the data folder's keys. */
  events: RecordedEvent[];
}

/** A data folder seeded through the command line itself, and the log as the store returns it. */
export const seededStore = async (leads = 300, seed = 11): Promise<SeededStore> => {
  const data = tempDataDir();
  const run = await data.run(['seed', '--leads', String(leads), '--seed', String(seed), '--until', SEED_UNTIL]);
  if (run.code !== 0) throw new Error(`seed failed: ${run.stderr}`);
  return { ...data, events: await readLog(data.dir) };
};

/** The data folder's log, opened with its own master key and key store. */
export const readLog = async (dataDir: string): Promise<RecordedEvent[]> => {
  const config = loadConfig({ CRM_DATA_DIR: dataDir });
  const stored = new SqliteEventStore({ path: `${dataDir}/events.sqlite` });
  const { keyStore, personalData } = await openPersonalData(config, {}, false);
  const events: RecordedEvent[] = [];
  for await (const event of new PersonalDataEventStore(stored, personalData).readAll()) events.push(event);
  await Promise.all([stored.close(), keyStore.close()]);
  return events;
};
