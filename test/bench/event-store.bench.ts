import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent } from '@crm/event-store';
import { rate, tempDir, type BenchRow } from './bench-kit';

const SINGLE_APPENDS = 3_000;
const CONCURRENT_APPENDS = 32_000;
const WRITERS = 64;
const BATCH = 1_000;
const LOG_SIZE = 200_000;

/** A payload of the size and shape of a real LeadCaptured event. */
const payload = (i: number) => ({
  leadId: randomUUID(), firstName: 'Anne', lastName: `de Vries ${i}`, email: `anne${i}@example.nl`,
  phone: '+31612345678', jobTitle: 'Head of Operations', companyName: 'Bakkerij Jansen B.V.',
  companyDomain: 'jansen.nl', source: 'WEB_FORM', ownerId: 'rep-7',
});
const event = (i: number): NewEvent => ({
  id: randomUUID(), type: 'LeadCaptured', data: payload(i),
  metadata: { actor: 'rep-7', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() },
});

/** The baselines write the same rows; `indexed` adds the two unique indexes our log needs. */
const rawDb = (dir: string, name: string, indexed: boolean): Database.Database => {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (position INTEGER PRIMARY KEY, stream TEXT, id TEXT, data TEXT, metadata TEXT)');
  if (indexed) db.exec('CREATE UNIQUE INDEX rows_stream ON rows (stream); CREATE UNIQUE INDEX rows_id ON rows (id)');
  return db;
};

type RawRow = [string, string, string, string];
const rawInsert = (db: Database.Database) => db.prepare('INSERT INTO rows (stream, id, data, metadata) VALUES (?, ?, ?, ?)');
const rawRow = (i: number): RawRow => {
  const e = event(i);
  return [`lead-${e.data.leadId}`, e.id, JSON.stringify(e.data), JSON.stringify(e.metadata)];
};

const rawSingleCommits = async (dir: string, indexed: boolean): Promise<number> => {
  const db = rawDb(dir, `raw-single-${indexed}.sqlite`, indexed);
  const insert = rawInsert(db);
  const result = await rate(SINGLE_APPENDS, () => {
    for (let i = 0; i < SINGLE_APPENDS; i++) insert.run(...rawRow(i));
  });
  db.close();
  return result;
};

/** Streams read one by one, as a command reads the stream it decides on when it is not in memory. */
const STREAM_READS = 20_000;

/**
 * The raw way to read a one-event stream: its row by the stream's unique index, its JSON parsed, in
 * a table of as many rows as the store's log holds.
 */
const rawStreamReads = async (dir: string, streams: readonly string[]): Promise<number> => {
  const db = rawDb(dir, 'raw-streams.sqlite', true);
  const insert = rawInsert(db);
  db.transaction(() => {
    streams.forEach((stream, i) => insert.run(stream, randomUUID(), ...rawRow(i).slice(2)));
    for (let i = streams.length; i < LOG_SIZE; i++) insert.run(...rawRow(i));
  })();
  const select = db.prepare('SELECT position, stream, id, data, metadata FROM rows WHERE stream = ?').raw();
  let found = 0;
  const read = (): void => {
    for (let i = 0; i < STREAM_READS; i++) {
      for (const row of select.all(streams[i % streams.length]) as unknown[][]) {
        JSON.parse(row[3] as string);
        JSON.parse(row[4] as string);
        found++;
      }
    }
  };
  try {
    read();
    const result = await rate(STREAM_READS, read);
    if (found !== 2 * STREAM_READS) throw new Error(`the raw reads found ${found} of ${2 * STREAM_READS} rows`);
    return result;
  } finally {
    db.close();
  }
};

export const benchEventStore = async (): Promise<BenchRow[]> => {
  const tmp = tempDir('crm-bench-es-');
  try {
    const rawSingle = await rawSingleCommits(tmp.dir, false);
    const rawSingleIndexed = await rawSingleCommits(tmp.dir, true);
    const raw = rawDb(tmp.dir, 'raw.sqlite', false);
    const insert = rawInsert(raw);
    const insertMany = raw.transaction((rows: RawRow[]) => rows.forEach((r) => insert.run(...r)));
    const rawBatched = await rate(LOG_SIZE, () => {
      for (let i = 0; i < LOG_SIZE; i += BATCH) insertMany(Array.from({ length: BATCH }, (_, j) => rawRow(i + j)));
    });
    const scan = raw.prepare('SELECT position, stream, id, data, metadata FROM rows ORDER BY position').raw();
    const rawScanRate = (): Promise<number> =>
      rate(LOG_SIZE, () => {
        for (const row of scan.iterate() as Iterable<unknown[]>) {
          JSON.parse(row[3] as string);
          JSON.parse(row[4] as string);
        }
      });

    const store = new SqliteEventStore({ path: join(tmp.dir, 'events.sqlite') });
    const singleStreams = Array.from({ length: SINGLE_APPENDS }, () => `lead-${randomUUID()}`);
    const oneWriter = await rate(SINGLE_APPENDS, async () => {
      for (let i = 0; i < SINGLE_APPENDS; i++) await store.appendToStream(singleStreams[i], [event(i)], 'no_stream');
    });
    const manyWriters = await rate(CONCURRENT_APPENDS, async () => {
      const perWriter = CONCURRENT_APPENDS / WRITERS;
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) await store.appendToStream(`lead-${randomUUID()}`, [event(w * perWriter + i)], 'no_stream');
        }),
      );
    });
    const batchedEvents = LOG_SIZE - SINGLE_APPENDS - CONCURRENT_APPENDS;
    const batched = await rate(batchedEvents, async () => {
      for (let i = 0; i < batchedEvents; i += BATCH) {
        await store.appendToStream(`import-${randomUUID()}`, Array.from({ length: BATCH }, (_, j) => event(i + j)), 'no_stream');
      }
    });
    // The raw scan runs just before and just after ours, in the same process state (heap, page
    // cache), and its mean is the baseline: a scan measured before all the writes would flatter it.
    // One unmeasured pass of ours first, as the raw statement has already been run once.
    const rawBefore = await rawScanRate();
    for await (const _ of store.readAll({ maxCount: LOG_SIZE })) void _;
    let read = 0;
    const readAll = await rate(LOG_SIZE, async () => {
      for await (const _ of store.readAll()) read++;
    });
    const rawScan = (rawBefore + (await rawScanRate())) / 2;
    const readStreams = async (): Promise<void> => {
      for (let i = 0; i < STREAM_READS; i++) for await (const _ of store.readStream(singleStreams[i % SINGLE_APPENDS])) read++;
    };
    await readStreams();
    const streamReads = await rate(STREAM_READS, readStreams);
    const rawStreams = await rawStreamReads(tmp.dir, singleStreams);
    raw.close();
    await store.close();
    if (read !== LOG_SIZE + 2 * STREAM_READS) throw new Error(`read ${read} of ${LOG_SIZE + 2 * STREAM_READS} events`);

    return [
      { name: 'append, 1 writer (single-event, acknowledged)', value: oneWriter, unit: 'events/s', baseline: { name: 'raw single-row commits, synchronous=FULL', value: rawSingle } },
      { name: `append, ${WRITERS} concurrent writers (group commit)`, value: manyWriters, unit: 'events/s', baseline: { name: 'raw single-row commits, synchronous=FULL', value: rawSingle }, target: '>= 5x' },
      { name: `append, ${WRITERS} concurrent writers (group commit)`, value: manyWriters, unit: 'events/s', baseline: { name: 'raw single-row commits, same two unique indexes', value: rawSingleIndexed } },
      { name: `append, ${BATCH}-event appends`, value: batched, unit: 'events/s', baseline: { name: `raw ${BATCH}-row transactions`, value: rawBatched } },
      { name: `readAll, whole log of ${LOG_SIZE.toLocaleString('en-US')} events`, value: readAll, unit: 'events/s', baseline: { name: 'raw scan with JSON.parse', value: rawScan }, target: '>= 0.7x' },
      { name: 'readStream of a one-event stream, one after another', value: streamReads, unit: 'streams/s', baseline: { name: 'raw select by a unique index with JSON.parse', value: rawStreams } },
    ];
  } finally {
    tmp.cleanup();
  }
};
