import type { GlobalPosition, RecordedEvent } from './events';
import type { Subscription } from './event-store.port';

/** A page of a subscription's events, and how far the log was looked through for them. */
export interface PolledPage {
  events: RecordedEvent[];
  /**
   * The position up to which nothing else is left for this subscriber: the last event's, or further
   * when the log was searched past it (a filtered subscriber need not search the same stretch again).
   */
  through: GlobalPosition;
}

export interface PollingSource {
  /** Exclusive start; positions only ever grow. */
  after: GlobalPosition;
  /** Events after the position, in log order; an empty page means "caught up for now". */
  readPage(after: GlobalPosition): PolledPage;
  /** Resolves on the next local append or after a short timeout (appends from other processes). */
  waitForAppends(): Promise<void>;
  isClosed(): boolean;
  /** Told, before each wait, how far every event was handed over when that is further than told before. */
  onCaughtUp?(through: GlobalPosition): void;
}

/**
 * Catch-up then live, as one loop: read pages until one comes back empty, then sleep until woken.
 * Because the reader always continues strictly after the last position it yielded, and a store only
 * exposes committed events in position order, the switch to live has no gap and no duplicate.
 */
export const pollingSubscription = (source: PollingSource): Subscription => {
  let closed = false;
  const isDone = (): boolean => closed || source.isClosed();

  async function* events(): AsyncGenerator<RecordedEvent> {
    let after = source.after;
    let told = source.after;
    while (!isDone()) {
      const { events: page, through } = source.readPage(after);
      for (const event of page) {
        if (isDone()) return;
        yield event;
        after = event.position;
      }
      if (through > after) after = through;
      if (page.length > 0) continue;
      // Runs only when the consumer asked for more: it holds every event yielded before.
      if (after > told && source.onCaughtUp !== undefined) source.onCaughtUp((told = after));
      await source.waitForAppends();
    }
  }

  return {
    [Symbol.asyncIterator]: () => events(),
    close: async () => {
      closed = true;
    },
  };
};
