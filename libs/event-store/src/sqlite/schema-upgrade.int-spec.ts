import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { collect } from '../contract/fixtures';
import type { RecordedEvent } from '../events';
import { SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'crm-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The log's table and indexes exactly as schema version 2 created them. */
const VERSION_2_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream      TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  id          TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_id ON events (id);
CREATE INDEX IF NOT EXISTS events_category_position ON events (category, position);
`;

interface OldRow { stream: string; revision: number; id: string; type: string; data: string; metadata: string }

const lead = randomUUID();
const commandId = randomUUID();
const metadata = (extra = {}) => JSON.stringify({ actor: 'anna.devries', commandId, correlationId: commandId, causationId: commandId, occurredAt: '2026-04-13T11:46:33.715Z', inputFingerprint: '1WECeswGvLstZf_nDgLavoPisbnEAjxdie-MOJEXUjk', hash: '0e72407b54f2fbb6544c7808162e42d06288091f7b668e7bdafd8e1e3ff4ab0c', ...extra });
const OLD_ROWS: OldRow[] = [
  { stream: `lead-${lead}`, revision: 0, id: randomUUID(), type: 'LeadCaptured', data: JSON.stringify({ leadId: lead, companyName: 'Jansen NV', personal: { subjectId: randomUUID(), fields: ['email'], nonce: 'BwF8i763Z6O2/yZI', ciphertext: 'I+pwey64bohQos02SaMnlywk4FbHbpaH' } }), metadata: metadata() },
  { stream: `lead-${lead}`, revision: 1, id: randomUUID(), type: 'LeadWorkingStarted', data: JSON.stringify({ leadId: lead, from: 'NEW', note: '2026-13-01T00:00:00.000Z' }), metadata: metadata({ correlationId: randomUUID(), note: { by: 'import' } }) },
  { stream: 'import-batch_7', revision: 0, id: randomUUID(), type: 'ImportStarted', data: '{}', metadata: JSON.stringify({ actor: 'import', commandId: 'batch-7', correlationId: 'batch-7', causationId: 'batch-7', occurredAt: '2026-04-13T11:46:33Z' }) },
  { stream: `lead-${randomUUID()}`, revision: 0, id: randomUUID(), type: 'LeadCaptured', data: '{"leadId": "broken"},{"b": 2}', metadata: metadata() },
  { stream: `lead-${randomUUID()}`, revision: 0, id: randomUUID(), type: 'Deleted', data: '{}', metadata: metadata() },
];

/** A file as today's build leaves it: version 2 rows, and its newest event deleted (the sequence stays ahead). */
const version2File = (): string => {
  const path = join(dir, `v2-${randomUUID()}.sqlite`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(VERSION_2_DDL);
  const insert = db.prepare('INSERT INTO events (stream, category, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of OLD_ROWS) insert.run(row.stream, row.stream.split('-')[0], row.revision, row.id, row.type, row.data, row.metadata, 1_776_000_000_000);
  db.prepare('DELETE FROM events WHERE position = ?').run(OLD_ROWS.length);
  db.pragma('user_version = 2');
  db.close();
  return path;
};

const asStored = (e: RecordedEvent) => ({ stream: e.streamName, revision: e.revision, id: e.id, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) });

describe('an events file of schema version 2', () => {
  it('opens, upgraded, with the same events at the same positions, the unreadable one still unreadable', async () => {
    const path = version2File();
    const store = new SqliteEventStore({ path });
    try {
      const readable = await collect(store.readAll({ maxCount: 3 }));
      expect(readable.map(asStored)).toEqual(OLD_ROWS.slice(0, 3));
      expect(readable.map((e) => [e.position, e.recordedAt.getTime()])).toEqual([[1n, 1_776_000_000_000], [2n, 1_776_000_000_000], [3n, 1_776_000_000_000]]);
      await expect(collect(store.readAll({ after: 3n }))).rejects.toThrow(SyntaxError);
      expect(await store.headPosition()).toBe(4n);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get()).toBe(5);
    db.close();
  });

  it('takes new appends after the upgrade: to an old stream at its revision, and at a position never used before', async () => {
    const path = version2File();
    const store = new SqliteEventStore({ path });
    try {
      const next = { id: randomUUID(), type: 'LeadQualified', data: { leadId: lead }, metadata: JSON.parse(metadata()) };
      expect(await store.streamRevision(`lead-${lead}`)).toBe(1);
      await expect(store.appendToStream(`lead-${lead}`, [next], 0)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store.appendToStream(`lead-${lead}`, [next], 1)).toEqual({ nextExpectedRevision: 2, position: 6n });
      expect(await store.appendToStream(`lead-${lead}`, [next], 1)).toEqual({ nextExpectedRevision: 2, position: 6n });
      await expect(store.appendToStream(`lead-${randomUUID()}`, [{ ...next, id: OLD_ROWS[0].id }], 'no_stream')).rejects.toMatchObject({ code: 'CONFLICT' });
      const stream = await collect(store.readStream(`lead-${lead}`));
      expect(stream.map((e) => e.type)).toEqual(['LeadCaptured', 'LeadWorkingStarted', 'LeadQualified']);
      expect(stream[2].data).toEqual({ leadId: lead });
    } finally {
      await store.close();
    }
  });

  it('reads the same for a second connection opened after the first one upgraded it', async () => {
    const path = version2File();
    const [one, two] = [new SqliteEventStore({ path }), new SqliteEventStore({ path })];
    try {
      expect((await collect(one.readAll({ maxCount: 3 }))).map(asStored)).toEqual(OLD_ROWS.slice(0, 3));
      expect((await collect(two.readAll({ maxCount: 3 }))).map(asStored)).toEqual(OLD_ROWS.slice(0, 3));
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

/** The file's schema version and page size, read without opening a store. */
const versionAndPages = (path: string): [number, number] => {
  const db = new Database(path, { readonly: true });
  try {
    return [db.pragma('user_version', { simple: true }) as number, db.pragma('page_size', { simple: true }) as number];
  } finally {
    db.close();
  }
};

/** Marks the file as a build of another schema version would have left it. */
const setVersion = (path: string, version: number): void => {
  const db = new Database(path);
  db.pragma(`user_version = ${version}`);
  db.close();
};

describe('an events file of schema version 3', () => {
  /** A file of 4 KiB pages, as earlier builds made them, holding events this build can read as they are. */
  const version3File = async (): Promise<string> => {
    const path = join(dir, `v3-${randomUUID()}.sqlite`);
    const db = new Database(path);
    db.pragma('page_size = 4096');
    db.pragma('journal_mode = WAL');
    db.close();
    const store = new SqliteEventStore({ path });
    await store.appendToStream(`lead-${lead}`, [{ id: randomUUID(), type: 'LeadCaptured', data: { leadId: lead }, metadata: JSON.parse(metadata()) }], 'no_stream');
    await store.close();
    setVersion(path, 3);
    return path;
  };
  const rows = (path: string): unknown[] => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY position').all();
    } finally {
      db.close();
    }
  };

  it('opens with its rows and pages as they were, and only its version set', async () => {
    const path = await version3File();
    const before = rows(path);
    const store = new SqliteEventStore({ path });
    try {
      expect((await collect(store.readAll())).map((e) => e.data)).toEqual([{ leadId: lead }]);
    } finally {
      await store.close();
    }
    expect(rows(path)).toEqual(before);
    expect(versionAndPages(path)).toEqual([SCHEMA_VERSION, 4096]);
  });
});

describe('a new events file', () => {
  it('is made of 2 KiB pages', async () => {
    const path = join(dir, `new-${randomUUID()}.sqlite`);
    await new SqliteEventStore({ path }).close();
    expect(versionAndPages(path)).toEqual([SCHEMA_VERSION, 2048]);
  });
});

describe('an events file of a newer schema version', () => {
  it('is refused, and left as it was', async () => {
    const path = join(dir, `newer-${randomUUID()}.sqlite`);
    await new SqliteEventStore({ path }).close();
    setVersion(path, SCHEMA_VERSION + 1);
    expect(() => new SqliteEventStore({ path })).toThrow(`schema version ${SCHEMA_VERSION + 1}; this build knows up to ${SCHEMA_VERSION}`);
    expect(versionAndPages(path)[0]).toBe(SCHEMA_VERSION + 1);
  });
});
