import type { RecordedEvent } from '@crm/event-store';

export interface BatchingOptions {
  maxSize: number;
  /** How long a started batch waits for more events before it is applied. */
  maxWaitMs: number;
  /**
   * How long a batch waits at least while the log is busy: the batch before it held several events
   * and this one's first event came within `QUIET_AFTER_MS` of being asked for. Waiting then makes
   * fewer, larger batches (each is a commit of the projection's documents, which writes the pages it
   * touches whole). A lone client's write follows a batch of its own single event, or a quiet log, and
   * is applied without it. Default: 0, only `maxWaitMs`.
   */
  busyWaitMs?: number;
}

/**
 * A log that gave nothing for this long after the next batch was asked for is quiet again. Under 32
 * clients the next group commit comes within a few milliseconds; a lone client that sends commands of
 * several events back to back comes within that too, and waits `busyWaitMs` each time.
 */
export const QUIET_AFTER_MS = 10;

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
 * whatever came within maxWaitMs of the first (busyWaitMs while the log is busy). A pending read that
 * lost the race to the timer is kept for the next batch, so no event is dropped or reordered.
 */
export async function* eventBatches(source: AsyncIterable<RecordedEvent>, options: BatchingOptions): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  const busyWaitMs = options.busyWaitMs ?? 0;
  let lastSize = 0;
  for (;;) {
    const asked = performance.now();
    const first: IteratorResult<RecordedEvent> = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    const busy = lastSize > 1 && performance.now() - asked < QUIET_AFTER_MS;
    const deadline = timer(busy ? Math.max(options.maxWaitMs, busyWaitMs) : options.maxWaitMs);
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
