import type { Database } from 'better-sqlite3';
import type { JsonObject } from '../json';
import { StoredDictionary } from './stored-dictionary';
import { leadingTexts, toPlainStoredEvent, toStoredEvent, toStoredStream } from './stored-event';
import { toStoredKey } from './stored-keys';

/** A row of the log as schema versions 1 and 2 kept it: names, ids and both documents as text. */
type TextRow = [number, string, number, string, string, string, string, number];

const ROWS_PER_READ = 5_000;

/**
 * Rewrites a log of schema version 1 or 2 into the current rows, in the one transaction that also
 * drops the old table: a crash leaves either the old file or the new one. Positions, revisions and
 * recording times are kept, and the highest position ever assigned (AUTOINCREMENT's sequence, which
 * the audit reads to find a removed newest event). Every event reads back as it did: the same id,
 * type, data and metadata. A row whose stored text no longer parses is kept as its text, unreadable
 * as before. Returns the number of rows rewritten.
 */
export const copyTextRows = (db: Database, createCurrent: (table: string) => void, indexes: string): number => {
  const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as number | undefined;
  createCurrent('events_packed');
  const dictionary = new StoredDictionary(db);
  const insert = db.prepare('INSERT INTO events_packed (position, category, stream, revision, id, type, shape, data, bin, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const page = db.prepare(`SELECT position, stream, revision, id, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ${ROWS_PER_READ}`).raw();
  let after = 0;
  let copied = 0;
  for (let rows = page.all(after) as TextRow[]; rows.length > 0; rows = page.all(after) as TextRow[]) {
    for (const [position, streamName, revision, id, type, data, metadata, recordedAt] of rows) {
      const stream = toStoredStream(streamName, dictionary);
      const stored = parsed(data, metadata);
      const event = stored === null
        ? toPlainStoredEvent({ id, type }, stream, unparsedDocuments(leadingTexts(stream, id, toStoredKey(id)), data, metadata), dictionary)
        : toStoredEvent({ id, type, data: stored[0], metadata: stored[1] }, stream, dictionary);
      insert.run(position, stream.category, stream.key, revision, event.key, event.type, event.shape, event.data, event.bin, recordedAt);
    }
    after = rows[rows.length - 1][0];
    copied += rows.length;
  }
  db.exec('DROP TABLE events; ALTER TABLE events_packed RENAME TO events;');
  db.exec(indexes);
  if (sequence !== undefined) {
    const kept = db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'events'").run(sequence);
    if (kept.changes === 0) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(sequence);
  }
  return copied;
};

/**
 * The plain row array around texts that do not parse: kept as they were, unreadable as before. The
 * trailing comma keeps the array itself from parsing: a data text such as `{"a":1},{"b":2}` would
 * otherwise complete it and read back as other documents.
 */
const unparsedDocuments = (leading: string[], data: string, metadata: string): string =>
  `[${leading.map((text) => `${JSON.stringify(text)},`).join('')}${data},${metadata},]`;

const parsed = (data: string, metadata: string): [JsonObject, JsonObject] | null => {
  try {
    const documents = [JSON.parse(data), JSON.parse(metadata)];
    return documents.every(isObject) ? (documents as [JsonObject, JsonObject]) : null;
  } catch {
    return null;
  }
};

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
