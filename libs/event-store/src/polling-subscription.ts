import type { GlobalPosition, RecordedEvent } from './events';
import type { Subscription } from './event-store.port';

export interface PollingSource {
  /** Exclusive start; positions only ever grow. */
  after: GlobalPosition;
  /** Events after the position, in log order; an empty page means "caught up for now". */
  readPage(after: GlobalPosition): RecordedEvent[];
  /** Resolves on the next local append or after a short timeout (appends from other processes). */
  waitForAppends(): Promise<void>;
  isClosed(): boolean;
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
    while (!isDone()) {
      const page = source.readPage(after);
      if (page.length === 0) {
        await source.waitForAppends();
        continue;
      }
      for (const event of page) {
        if (isDone()) return;
        yield event;
        after = event.position;
      }
    }
  }

  return {
    [Symbol.asyncIterator]: () => events(),
    close: async () => {
      closed = true;
    },
  };
};
