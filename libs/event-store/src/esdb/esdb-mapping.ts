import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type Position,
} from '@eventstore/db-client';
import { StreamNotFoundError, UnreadableEventError, WrongExpectedRevisionError, type UnreadableEvent } from '../errors';
import type { NewEvent, RecordedEvent } from '../events';
import type { ActualRevision, ExpectedRevision } from '../expected-revision';
import type { JsonObject } from '../json';
import type { EventSerializer, SerializedEvent } from '../serializer';

/** EventStoreDB's reserved metadata keys; its system projections ($by_correlation_id) read them. */
export const RESERVED_METADATA_KEYS = ['$correlationId', '$causationId'] as const;

/** uint64 max: what servers before 22.6 put in the position of an event read from a stream. */
const NO_POSITION = 2n ** 64n - 1n;

/** The subset of the client's recorded event this adapter reads; the client's own types satisfy it. */
export interface ClientRecordedEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata?: unknown;
  position?: Position;
}

export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
};

/**
 * The client reports a missing stream as 'no_stream' (from the error details) or as -1 (from older
 * servers' error metadata, and as nextExpectedRevision when throwOnAppendFailure is off).
 */
export const toActualRevision = (actual: unknown): ActualRevision => {
  if (typeof actual === 'bigint' && actual >= 0n) return Number(actual);
  if (typeof actual === 'number' && Number.isSafeInteger(actual) && actual >= 0) return actual;
  return 'no_stream';
};

/** Duck-typed on the client's `type` tag, so a second copy of the client package still matches. */
const hasErrorType = (error: unknown, type: string): boolean =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;

export const isClientWrongExpectedVersion = (error: unknown): error is { actualVersion?: unknown } =>
  hasErrorType(error, 'wrong-expected-version');

export const isClientStreamNotFound = (error: unknown): boolean => hasErrorType(error, 'stream-not-found');

export const mapAppendError = (error: unknown, streamName: string, expected: ExpectedRevision): unknown =>
  isClientWrongExpectedVersion(error)
    ? new WrongExpectedRevisionError(streamName, expected, toActualRevision(error.actualVersion))
    : error;

export const mapReadError = (error: unknown, streamName: string): unknown =>
  isClientStreamNotFound(error) ? new StreamNotFoundError(streamName) : error;

/** The correlation ids are also written under the reserved keys, so EventStoreDB's projections link them. */
export const toEventData = (stored: SerializedEvent, original: NewEvent): EventData =>
  jsonEvent({
    id: stored.id,
    type: stored.type,
    data: stored.data,
    metadata: {
      ...stored.metadata,
      $correlationId: original.metadata.correlationId,
      $causationId: original.metadata.causationId,
    },
  });

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Metadata as the writer gave it: the reserved copies are removed so every adapter returns the same. */
export const withoutReservedKeys = (metadata: unknown): JsonObject => {
  if (!isJsonObject(metadata)) return {};
  const copy: JsonObject = { ...metadata };
  for (const key of RESERVED_METADATA_KEYS) delete copy[key];
  return copy;
};

/** Positions are the commit position: every event of an append is its own commit, so it is unique. */
export const usablePosition = (position: Position | undefined): bigint | undefined =>
  position !== undefined && position.commit >= 0n && position.commit < NO_POSITION ? position.commit : undefined;

/** Why this store cannot read the event back, or null when it can: it writes JSON objects only. */
const unreadableReason = (raw: ClientRecordedEvent): string | null => {
  if (!raw.isJson || !isJsonObject(raw.data)) return 'its data is not a JSON object; this store only writes JSON';
  // The client hands over the bytes of metadata it could not parse; JSON that is not an object (null,
  // an array) has always read as no metadata, and still does.
  if (raw.metadata instanceof Uint8Array) return 'its metadata is not JSON';
  return null;
};

/** Throws UnreadableEventError for an event whose data or metadata is not JSON. */
export const toRecordedEvent = (raw: ClientRecordedEvent, serializer: EventSerializer): RecordedEvent => {
  const position = usablePosition(raw.position);
  const reason = unreadableReason(raw);
  if (reason !== null) {
    const described: UnreadableEvent = { id: raw.id, streamName: raw.streamId, revision: Number(raw.revision), type: raw.type, reason };
    throw new UnreadableEventError(position === undefined ? described : { ...described, position });
  }
  if (position === undefined) {
    throw new Error(`EventStoreDB reported no position for event ${raw.id}; stream reads need server 22.6 or later`);
  }
  const event = serializer.deserialize({
    id: raw.id,
    type: raw.type,
    data: raw.data as JsonObject,
    metadata: withoutReservedKeys(raw.metadata),
  });
  return { ...event, streamName: raw.streamId, revision: Number(raw.revision), position, recordedAt: raw.created };
};

/**
 * For readers of the whole log: an unreadable event is reported and skipped (undefined), so one event
 * some other writer put in the log does not stop every projection behind it.
 */
export const toRecordedEventOrReport = (
  raw: ClientRecordedEvent,
  serializer: EventSerializer,
  onUnreadable: (event: UnreadableEvent) => void,
): RecordedEvent | undefined => {
  try {
    return toRecordedEvent(raw, serializer);
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
    onUnreadable(error.event);
    return undefined;
  }
};
