/**
 * What the writer believes about the stream before appending:
 * - 'no_stream': the stream must not exist;
 * - 'stream_exists': it must have at least one event;
 * - 'any': no check (EventStoreDB deduplicates ids only best-effort then);
 * - a number: the exact 0-based revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

/** The stream's actual state as reported in a conflict: its last revision, or 'no_stream'. */
export type ActualRevision = number | 'no_stream';

export const describeRevision = (revision: ExpectedRevision | ActualRevision): string =>
  typeof revision === 'number' ? String(revision) : revision;
