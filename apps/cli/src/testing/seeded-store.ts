import { SqliteEventStore, type RecordedEvent } from '@crm/event-store';
import { tempDataDir, type TempDataDir } from './buffer-io';

export const SEED_UNTIL = '2026-01-01T00:00:00Z';

export interface SeededStore extends TempDataDir {
  events: RecordedEvent[];
}

/** A data folder seeded through the command line itself, and the log as the store returns it. */
export const seededStore = async (leads = 300, seed = 11): Promise<SeededStore> => {
  const data = tempDataDir();
  const run = await data.run(['seed', '--leads', String(leads), '--seed', String(seed), '--until', SEED_UNTIL]);
  if (run.code !== 0) throw new Error(`seed failed: ${run.stderr}`);
  return { ...data, events: await readLog(`${data.dir}/events.sqlite`) };
};

export const readLog = async (path: string): Promise<RecordedEvent[]> => {
  const store = new SqliteEventStore({ path });
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  await store.close();
  return events;
};
