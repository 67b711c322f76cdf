import type { RecordedEvent } from '@crm/event-store';

/**
 * What is wrong at a link:
 * - HASH_MISMATCH: the event's content (or its predecessor's hash) is not what was chained: edited;
 * - MISSING_HASH: the event carries no chain link at all (written around the application);
 * - REVISION_GAP: the stream skips revisions: events before this one were removed;
 * - POSITION_GAP: the global log skips positions (SQLite only): whole rows were removed there;
 * - UNREADABLE: the store could not return the next event (its stored JSON is damaged).
 */
export type ChainProblem = 'HASH_MISMATCH' | 'MISSING_HASH' | 'REVISION_GAP' | 'POSITION_GAP' | 'UNREADABLE';

export interface EventRef {
  streamName: string;
  revision: number;
  id: string;
  position: string;
}

export interface ChainBreak {
  problem: ChainProblem;
  /** The first event found wrong (for a position gap: the event right after the gap; absent at the log's end). */
  event: EventRef | null;
  message: string;
  /** POSITION_GAP: the missing positions, inclusive, and the events on either side. */
  missingPositions?: { from: string; to: string };
  before?: EventRef | null;
  expectedHash?: string;
  actualHash?: string | null;
  expectedRevision?: number;
}

export const refOf = (event: RecordedEvent): EventRef => ({
  streamName: event.streamName,
  revision: event.revision,
  id: event.id,
  position: event.position.toString(),
});

export const describeRef = (ref: EventRef): string => `${ref.streamName}@${ref.revision} (event ${ref.id}, position ${ref.position})`;
