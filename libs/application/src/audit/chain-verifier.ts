import { CHAIN_HASH_KEY, chainHash, genesisHash, type EventStore, type RecordedEvent } from '@crm/event-store';
import { describeRef, refOf, type ChainBreak, type EventRef } from './chain-break';
import { positionGap, unreadable } from './log-breaks';

export interface VerifyOptions {
  /**
   * The store numbers its log 1, 2, 3, ... without gaps (SQLite: AUTOINCREMENT, and a rolled-back append
   * consumes no position), so a missing position is a removed row. Not so for EventStoreDB.
   */
  gaplessPositions?: boolean;
  /** The highest position the store ever handed out (SQLite's sqlite_sequence): reveals removed events at the log's end. */
  lastAssignedPosition?: bigint | null;
  /** How many breaks to keep in the report; scanning goes on to count them all. */
  maxBreaks?: number;
  onProgress?: (checked: number, position: bigint) => void;
}

export interface ChainReport {
  eventsChecked: number;
  streamsChecked: number;
  breakCount: number;
  /** The first breaks in log order; breaks[0] is the first broken link. */
  breaks: ChainBreak[];
}

interface Link {
  revision: number;
  hash: string;
}

const PROGRESS_EVERY = 5000;

/**
 * Reads the whole log once, in order, keeping per stream only its last revision and hash. After a
 * break the chain goes on from the stored hash, so one edit is one finding rather than a cascade.
 * Removing a stream's LAST event leaves its chain intact: only a position gap (or, at the log's end,
 * lastAssignedPosition) reveals it, so on stores without gapless positions that removal is invisible.
 */
export const verifyChains = async (store: EventStore, options: VerifyOptions = {}): Promise<ChainReport> => {
  const links = new Map<string, Link>();
  const report: ChainReport = { eventsChecked: 0, streamsChecked: 0, breakCount: 0, breaks: [] };
  const record = (found: ChainBreak | null) => {
    if (!found) return;
    report.breakCount++;
    if (report.breaks.length < (options.maxBreaks ?? 20)) report.breaks.push(found);
  };
  let previous: RecordedEvent | null = null;
  try {
    for await (const event of store.readAll()) {
      if (options.gaplessPositions) record(positionGap(previous, event));
      record(checkLink(event, links));
      previous = event;
      if (++report.eventsChecked % PROGRESS_EVERY === 0) options.onProgress?.(report.eventsChecked, event.position);
    }
  } catch (error) {
    record(unreadable(previous, error));
    return { ...report, streamsChecked: links.size };
  }
  if (options.gaplessPositions) record(positionGap(previous, null, options.lastAssignedPosition ?? null));
  if (previous) options.onProgress?.(report.eventsChecked, previous.position);
  return { ...report, streamsChecked: links.size };
};

const checkLink = (event: RecordedEvent, links: Map<string, Link>): ChainBreak | null => {
  const last = links.get(event.streamName);
  const stored = event.metadata[CHAIN_HASH_KEY];
  const actualHash = typeof stored === 'string' && stored !== '' ? stored : null;
  links.set(event.streamName, { revision: event.revision, hash: actualHash ?? '' });
  const ref = refOf(event);
  const expectedRevision = last ? last.revision + 1 : 0;
  if (event.revision !== expectedRevision) return revisionGap(ref, expectedRevision);
  if (actualHash === null) return { problem: 'MISSING_HASH', event: ref, message: `${describeRef(ref)} carries no chain hash` };
  const expectedHash = chainHash(last ? last.hash : genesisHash(event.streamName), { ...event, revision: event.revision });
  if (expectedHash === actualHash) return null;
  return {
    problem: 'HASH_MISMATCH', event: ref, expectedHash, actualHash,
    message: `${describeRef(ref)} does not match its chain hash: the event (or its stored hash) was altered`,
  };
};

const revisionGap = (ref: EventRef, expectedRevision: number): ChainBreak => ({
  problem: 'REVISION_GAP',
  event: ref,
  expectedRevision,
  message:
    ref.revision > expectedRevision
      ? `${describeRef(ref)} follows revision ${expectedRevision - 1}: revisions ${expectedRevision}..${ref.revision - 1} were removed`
      : `${describeRef(ref)} repeats or reorders revisions: expected revision ${expectedRevision}`,
});
