import type { EventStore } from '@crm/event-store';
import { logFilterOf, selects, type ChangeSelector } from './change-selector';
import { entityChangeOf, type EntityChange } from './entity-change';
import type { ReplayPages } from './live-subscription';

/** Events read from the log per page of a replay. */
export const REPLAY_PAGE_SIZE = 500;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * How a replay meets the live changes when its end is not fixed in advance: it reads up to what the
 * feed has published so far (`published`), and when the subscriber asks for more and there is
 * nothing left up to that point, it calls `goLive`, which starts buffering live changes and says the
 * position they start after, in the same synchronous step; the replay ends there. So the live buffer
 * starts empty once the subscriber has taken its whole backlog, however long that took.
 */
export interface CatchUp {
  published(): bigint;
  goLive(): bigint;
}

/**
 * The changes a subscriber missed: every selected change after `after` up to `through` (fixed, or
 * found by catching up), read from the log page by page as the subscriber takes them. A page with
 * nothing selected is passed over on the next turn of the event loop, so a long scan for a few ids
 * never holds it (SQLite reads are synchronous). Never past what the feed published: what is not
 * shown by the read models yet comes live.
 */
export const replayFromLog = (
  events: EventStore,
  selector: ChangeSelector,
  after: bigint,
  through: bigint | CatchUp,
  pageSize = REPLAY_PAGE_SIZE,
): ReplayPages => {
  const filter = logFilterOf(selector);
  let cursor = after;
  let end: bigint | null = typeof through === 'bigint' ? through : null;
  const catchUp = typeof through === 'bigint' ? null : through;
  return async () => {
    for (;;) {
      const bound = end ?? (catchUp as CatchUp).published();
      if (cursor >= bound) {
        if (end !== null) return null;
        end = (catchUp as CatchUp).goLive();
        continue;
      }
      const changes: EntityChange[] = [];
      let read = 0;
      for await (const event of events.readAll({ after: cursor, maxCount: pageSize, filter })) {
        if (event.position > bound) break;
        read++;
        cursor = event.position;
        const change = entityChangeOf(event);
        if (change !== null && selects(selector, change)) changes.push(change);
      }
      // A short page scanned everything up to the bound (what the filter skips included).
      if (read < pageSize) cursor = bound;
      if (changes.length > 0) return changes;
      await nextTurn();
    }
  };
};
