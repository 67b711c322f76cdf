import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { StoredEvent, StoredStream } from './stored-event';
import type { StoredKey } from './stored-keys';
import type { CommittedRow, SqliteStatements } from './sqlite-statements';

interface StoredId {
  category: number;
  stream: Buffer | string;
  revision: number;
  position: number;
}

/**
 * Decides one append inside the open write transaction, where earlier appends of the same group
 * are already visible. Returns the result, or throws a conflict; writes nothing on a throw.
 */
export const decideAndInsert = (
  sql: SqliteStatements,
  streamName: string,
  stream: StoredStream,
  events: readonly StoredEvent[],
  expected: ExpectedRevision,
  recordedAt: number,
  /** Collects the stored rows, when someone wants them (live subscribers); null skips it. */
  inserted: CommittedRow[] | null,
): AppendResult => {
  const current = sql.lastRevision.get(stream.key, stream.category) as number | null;
  // A retry is looked for only when something is off (a failed expectation or a stored id), so the
  // common append pays for no id lookup: the unique index on ids notices a repeat by itself.
  if (!expectationHolds(expected, current)) {
    const retried = findRetry(sql, streamName, stream, events, expected);
    if (retried) return retried;
    throw new WrongExpectedRevisionError(streamName, expected, current ?? 'no_stream');
  }
  try {
    return insertAll(sql, stream, events, current, recordedAt, inserted);
  } catch (error) {
    // Only a repeat of the first id can get here with nothing written; a later repeat is not a
    // retry, findRetry throws, and the caller's savepoint takes back the rows already inserted.
    if (!isDuplicateId(error)) throw error;
    const retried = findRetry(sql, streamName, stream, events, expected);
    if (retried) return retried;
    throw error;
  }
};

const insertAll = (
  sql: SqliteStatements,
  stream: StoredStream,
  events: readonly StoredEvent[],
  current: number | null,
  recordedAt: number,
  inserted: CommittedRow[] | null,
): AppendResult => {
  let revision = current ?? -1;
  let position = 0;
  for (const event of events) {
    revision += 1;
    const info = sql.insert.run(stream.category, stream.key, revision, event.key, event.type, event.shape, event.data, event.bin, recordedAt);
    position = Number(info.lastInsertRowid);
    inserted?.push([position, event.shape, revision, recordedAt, event.data, rowDigits(stream.key, event.key, event.bin), stream.category, event.type]);
  }
  return { nextExpectedRevision: revision, position: BigInt(position) };
};

/** Duck-typed: the driver's errors come from native code and need not share this realm's Error. */
const isDuplicateId = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('events.id');
};

const expectationHolds = (expected: ExpectedRevision, current: number | null): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && current === null) ||
  (expected === 'stream_exists' && current !== null) ||
  expected === current;

/**
 * EventStoreDB's idempotency: the same ids appended again with the same expectation succeed and
 * write nothing, provided they were stored as one run right where that expectation points.
 */
const findRetry = (
  sql: SqliteStatements,
  streamName: string,
  stream: StoredStream,
  events: readonly StoredEvent[],
  expected: ExpectedRevision,
): AppendResult | null => {
  const stored = events.map((event) => sql.eventById.get(event.key) as StoredId | undefined);
  if (stored.every((s) => s === undefined)) return null;
  const first = stored[0];
  const isOneRun =
    first !== undefined &&
    stored.every((s, i) => s !== undefined && inStream(s, stream) && s.revision === first.revision + i);
  const expectationMatches =
    isOneRun &&
    (expected === 'any' ||
      expected === 'stream_exists' ||
      (expected === 'no_stream' && first.revision === 0) ||
      expected === first.revision - 1);
  if (!expectationMatches) {
    const clash = events[stored.findIndex((s) => s !== undefined)];
    throw new DuplicateEventIdError(streamName, clash.id);
  }
  const last = stored[stored.length - 1] as StoredId;
  return { nextExpectedRevision: last.revision, position: BigInt(last.position) };
};

/** A row's digits as a read of the log gives them (see EVENT_COLUMNS): committed rows are served to live subscribers as read rows. */
const rowDigits = (stream: StoredKey, id: StoredKey, bin: Buffer | null): string => hexOf(stream) + hexOf(id) + (bin?.toString('hex') ?? '');
const hexOf = (key: StoredKey): string => (typeof key === 'string' ? Buffer.from(key).toString('hex') : key.toString('hex'));

const inStream = (stored: StoredId, stream: StoredStream): boolean =>
  stored.category === stream.category &&
  (typeof stored.stream === 'string' || typeof stream.key === 'string' ? stored.stream === stream.key : stored.stream.equals(stream.key));
