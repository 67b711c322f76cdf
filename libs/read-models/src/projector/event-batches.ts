import type { RecordedEvent } from '@crm/event-store';

export interface BatchingOptions {
  maxSize: number;
  /** How long a started batch waits for more events before it is applied. */
  maxWaitMs: number;
  /**
   * How long a batch waits instead when the one before it held several events: the log is busy, and
   * waiting makes fewer, larger batches (each is a commit of the projection's documents, which
   * writes the pages it touches whole). After a batch of one event nothing more waits: a lone
   * client's write is applied at once. Default: `maxWaitMs`.
   */
  busyWaitMs?: number;
}

const TIMED_OUT = Symbol('timed out');

/** 0 ms means "what is already there": the next turn of the event loop, not a timer's millisecond. */
const timer = (ms: number): { promise: Promise<typeof TIMED_OUT>; cancel(): void } => {
  let cancel = (): void => undefined;
  const promise = new Promise<typeof TIMED_OUT>((resolve) => {
    if (ms <= 0) {
      const handle = setImmediate(() => resolve(TIMED_OUT));
      cancel = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(() => resolve(TIMED_OUT), ms);
      cancel = () => clearTimeout(handle);
    }
  });
  return { promise, cancel };
};

/**
 * Groups a subscription into batches: as many events as arrive without waiting (up to maxSize), or
 * whatever came within maxWaitMs of the first (busyWaitMs when the last batch held several events).
 * A pending read that lost the race to the timer is kept for the next batch, so no event is dropped
 * or reordered.
 */
export async function* eventBatches(source: AsyncIterable<RecordedEvent>, options: BatchingOptions): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  let lastSize = 0;
  for (;;) {
    const first: IteratorResult<RecordedEvent> = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    const deadline = timer(lastSize > 1 ? Math.max(options.maxWaitMs, options.busyWaitMs ?? 0) : options.maxWaitMs);
    try {
      while (batch.length < options.maxSize) {
        pending = iterator.next();
        const next = await Promise.race([pending, deadline.promise]);
        if (next === TIMED_OUT) break;
        pending = null;
        if (next.done) return yield batch;
        batch.push(next.value);
      }
    } finally {
      deadline.cancel();
    }
    lastSize = batch.length;
    yield batch;
  }
}
