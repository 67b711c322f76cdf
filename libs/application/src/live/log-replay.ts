import type { EventStore } from '@crm/event-store';
import { logFilterOf, selects, type ChangeSelector } from './change-selector';
import { entityChangeOf, type EntityChange } from './entity-change';
import type { ReplayPages } from './live-subscription';

/** Events read from the log per page of a replay. */
export const REPLAY_PAGE_SIZE = 500;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The changes a subscriber missed: every selected change after `after` up to `through` (what the feed
 * had published when the subscriber registered), read from the log page by page as the subscriber
 * takes them. A page with nothing selected is passed over on the next turn of the event loop, so a
 * long scan for a few ids never holds it (SQLite reads are synchronous).
 */
export const replayFromLog = (
  events: EventStore,
  selector: ChangeSelector,
  after: bigint,
  through: bigint,
  pageSize = REPLAY_PAGE_SIZE,
): ReplayPages => {
  const filter = logFilterOf(selector);
  let cursor = after;
  let finished = cursor >= through;
  return async () => {
    while (!finished) {
      const changes: EntityChange[] = [];
      let read = 0;
      for await (const event of events.readAll({ after: cursor, maxCount: pageSize, filter })) {
        if (event.position > through) break;
        read++;
        cursor = event.position;
        const change = entityChangeOf(event);
        if (change !== null && selects(selector, change)) changes.push(change);
      }
      finished = read < pageSize || cursor >= through;
      if (changes.length > 0) return changes;
      if (!finished) await nextTurn();
    }
    return null;
  };
};
