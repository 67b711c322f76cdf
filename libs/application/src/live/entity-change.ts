import type { RecordedEvent } from '@crm/event-store';
import { parseStreamName, type StreamType } from '@crm/domain';

/** One event of a lead, account, contact, opportunity or pipeline, as live subscribers see it: ids only, nothing personal. */
export interface EntityChange {
  type: StreamType;
  /** The entity id (lower-case uuid). */
  id: string;
  revision: number;
  position: bigint;
  eventType: string;
  /** metadata.occurredAt (ISO 8601). */
  occurredAt: string;
}

/** Both lists must match (AND); an empty or absent list matches any. */
export interface EntityChangeFilter {
  types?: readonly StreamType[];
  ids?: readonly string[];
}

/** The change an event makes visible, or null for an event of any other stream (they are not published). */
export const entityChangeOf = (event: RecordedEvent): EntityChange | null => {
  const ref = parseStreamName(event.streamName);
  if (ref === null) return null;
  return {
    type: ref.type,
    id: ref.id,
    revision: event.revision,
    position: event.position,
    eventType: event.type,
    occurredAt: event.metadata.occurredAt,
  };
};
