import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, openStores, seedDemoData } from '@crm/application';
import { pagedIterable, SqliteEventStore, type RecordedEvent } from '@crm/event-store';
import { rate, tempDir, type BenchRow } from './bench-kit';

const LEADS = Number(process.env.BENCH_SIZE_LEADS ?? 100_000);
/** `npm run crm -- seed -n 100000` on b769d89 (schema version 2): 413,540,352 bytes for 372,237 events. */
const SCHEMA_2_BYTES_PER_EVENT = 1_111;

/** The log's file size with its WAL checkpointed into it, and its events. */
const storedSize = (path: string): { bytes: number; events: number } => {
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    return { bytes, events: db.prepare('SELECT count(*) FROM events').pluck().get() as number };
  } finally {
    db.close();
  }
};

type TextRow = [number, string, number, string, string, string, string, number];

/**
 * The same events as schema version 2 kept them, one JSON text each for data and metadata, read in
 * pages of 1,000 rows and handed out one event at a time by the same paged iteration today's readAll
 * uses, each row mapped with two JSON.parse calls and nothing else: less than schema 2's store did per
 * row, so its rate is an upper bound of that store's (against that store, in fresh processes, today's
 * read measured 0.90-1.05x at 30,000 leads and 1.10-1.27x at 100,000: ARCHITECTURE.md, "How the SQLite
 * log stores an event"). On the same events in the same run.
 */
const schema2ReadAll = (dir: string, events: readonly RecordedEvent[]): (() => Promise<number>) => {
  const db = new Database(join(dir, 'schema-2.sqlite'));
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT, revision INTEGER, id TEXT, type TEXT, data TEXT, metadata TEXT, recorded_at INTEGER)');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const e of events) insert.run(Number(e.position), e.streamName, e.revision, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt.getTime());
  })();
  const page = db.prepare('SELECT position, stream, revision, id, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT 1000').raw();
  const toEvent = (row: TextRow) => ({ id: row[3], type: row[4], data: JSON.parse(row[5]), metadata: JSON.parse(row[6]), streamName: row[1], revision: row[2], position: BigInt(row[0]), recordedAt: new Date(row[7]) });
  return async () => {
    let after = 0;
    const rows = pagedIterable(() => {
      const next = page.all(after) as TextRow[];
      if (next.length === 0) return null;
      after = next[next.length - 1][0];
      return next;
    }, toEvent);
    let read = 0;
    for await (const event of rows) if (event.revision >= 0) read++;
    return read;
  };
};

export const benchEventSize = async (): Promise<BenchRow[]> => {
  const tmp = tempDir('crm-bench-size-');
  try {
    const env: NodeJS.ProcessEnv = { CRM_DATA_DIR: tmp.dir, EVENT_STORE: 'sqlite', READ_STORE: 'sqlite' };
    const stores = await openStores(loadConfig(env), env);
    try {
      await seedDemoData(stores.eventStore, stores.personalData, { leads: LEADS, seed: 42, end: new Date('2026-01-01T00:00:00.000Z') });
    } finally {
      await stores.close();
    }
    const path = join(tmp.dir, 'events.sqlite');
    const { bytes, events } = storedSize(path);

    const store = new SqliteEventStore({ path });
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    const readSchema2 = schema2ReadAll(tmp.dir, all);
    all.length = 0;
    let read = 0;
    const readAll = async () => {
      for await (const _ of store.readAll()) read++;
    };
    // Alternated, each twice, from a collected heap: the machine is shared and one pass of each says little.
    const ours: number[] = [];
    const today: number[] = [];
    for (let pass = 0; pass < 2; pass++) {
      today.push(await rate(events, async () => void (await readSchema2())));
      ours.push(await rate(events, readAll));
    }
    await store.close();
    if (read !== 2 * events) throw new Error(`read ${read} of ${2 * events} events`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return [
      {
        name: `bytes stored per event, ${LEADS.toLocaleString('en-US')}-lead seed (${events.toLocaleString('en-US')} events)`,
        value: bytes / events, unit: 'bytes',
        baseline: { name: 'schema 2 (b769d89), 100,000-lead seed', value: SCHEMA_2_BYTES_PER_EVENT }, target: '<= 500',
      },
      { name: 'events file, WAL checkpointed', value: bytes / 2 ** 20, unit: 'MiB' },
      {
        name: 'readAll of that log', value: mean(ours), unit: 'events/s',
        baseline: { name: 'the same events as schema 2 rows, two JSON.parse calls each, same iteration (faster than its store)', value: mean(today) },
        target: ">= 1.0x of schema 2's own store",
      },
    ];
  } finally {
    tmp.cleanup();
  }
};
