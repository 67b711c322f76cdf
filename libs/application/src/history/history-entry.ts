import type { JsonObject, RecordedEvent } from '@crm/event-store';

/** One event of an entity's history, as auditors read it: what, when (business and store time), who, why. */
export interface HistoryEntry {
  streamName: string;
  revision: number;
  /** The global position as a decimal string: opaque to clients and beyond 32 bits. */
  position: string;
  id: string;
  type: string;
  data: JsonObject;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  commandId: string;
  correlationId: string;
  causationId: string;
}

export const toHistoryEntry = (event: RecordedEvent): HistoryEntry => ({
  streamName: event.streamName,
  revision: event.revision,
  position: event.position.toString(),
  id: event.id,
  type: event.type,
  data: event.data,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.recordedAt.toISOString(),
  actor: event.metadata.actor,
  commandId: event.metadata.commandId,
  correlationId: event.metadata.correlationId,
  causationId: event.metadata.causationId,
});

const CURSOR_PREFIX = 'rev:';

/** Cursors are opaque to clients; inside they are the revision, stable however the stream grows. */
export const revisionCursor = (revision: number): string => Buffer.from(`${CURSOR_PREFIX}${revision}`).toString('base64url');

/** The revision a cursor points at, or null when it is not one of ours. */
export const revisionOfCursor = (cursor: string): number | null => {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const revision = Number(text.slice(CURSOR_PREFIX.length));
  return Number.isSafeInteger(revision) && revision >= 0 ? revision : null;
};
