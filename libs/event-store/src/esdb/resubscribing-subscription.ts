import type { GlobalPosition, RecordedEvent } from '../events';
import type { Subscription } from '../event-store.port';

/** One server-side subscription: events strictly after the position it was opened from. */
export interface EventFeed extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface ResubscribeOptions {
  /** Exclusive start; undefined means the start of the log. */
  after?: GlobalPosition;
  open(after: GlobalPosition | undefined): EventFeed;
  /** Whether a failure is a drop worth resubscribing after; anything else ends the iteration with it. */
  isRetryable(error: unknown): boolean;
  /** Told about every drop before the resubscribe, e.g. for logging. */
  onDrop?(error: unknown): void;
  backoffMs?(attempt: number): number;
}

const defaultBackoff = (attempt: number): number => Math.min(100 * 2 ** attempt, 5000);

/**
 * A catch-up subscription that survives drops: EventStoreDB drops slow subscribers and connections
 * fail, so every drop (an error or an end the caller did not ask for) opens a new feed after the last
 * position yielded. Anything at or before that position is skipped, so a feed that replays a little
 * cannot cause duplicates, and because the new feed starts right after it there is no gap.
 */
export const resubscribingSubscription = (options: ResubscribeOptions): Subscription => {
  let closed = false;
  const openFeeds = new Set<EventFeed>();
  const wakeOnClose = new Set<() => void>();
  const backoff = options.backoffMs ?? defaultBackoff;

  /** Settles with `onClose` as soon as close() is called, so close never waits on the server. */
  const untilClosed = <T>(promise: Promise<T>, onClose: T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) {
        promise.catch(() => undefined);
        return resolve(onClose);
      }
      const wake = (): void => resolve(onClose);
      wakeOnClose.add(wake);
      promise.then(resolve, reject).finally(() => wakeOnClose.delete(wake));
    });

  const closeFeed = async (feed: EventFeed): Promise<void> => {
    if (openFeeds.delete(feed)) await feed.close().catch(() => undefined);
  };

  const pause = (ms: number): Promise<void> =>
    untilClosed(new Promise<void>((resolve) => setTimeout(resolve, ms).unref()), undefined);

  const nextOf = async (iterator: AsyncIterator<RecordedEvent>): Promise<RecordedEvent | undefined> => {
    const result = await untilClosed(iterator.next(), { done: true, value: undefined });
    return result.done ? undefined : result.value;
  };

  async function* follow(feed: EventFeed, after: GlobalPosition | undefined): AsyncGenerator<RecordedEvent> {
    const iterator = feed[Symbol.asyncIterator]();
    try {
      for (let next = await nextOf(iterator); next !== undefined; next = await nextOf(iterator)) {
        if (after !== undefined && next.position <= after) continue;
        after = next.position;
        yield next;
      }
    } finally {
      await closeFeed(feed);
      void iterator.return?.()?.catch(() => undefined);
    }
  }

  async function* events(): AsyncGenerator<RecordedEvent> {
    let last = options.after;
    for (let attempt = 0; !closed; attempt += 1) {
      const feed = options.open(last);
      openFeeds.add(feed);
      try {
        for await (const event of follow(feed, last)) {
          attempt = 0;
          last = event.position;
          yield event;
        }
        if (closed) return;
        options.onDrop?.(new Error('The subscription ended without being closed'));
      } catch (error) {
        if (closed) return;
        if (!options.isRetryable(error)) throw error;
        options.onDrop?.(error);
      }
      await pause(backoff(attempt));
    }
  }

  return {
    [Symbol.asyncIterator]: () => events(),
    close: async () => {
      closed = true;
      for (const wake of [...wakeOnClose]) wake();
      await Promise.all([...openFeeds].map(closeFeed));
    },
  };
};
