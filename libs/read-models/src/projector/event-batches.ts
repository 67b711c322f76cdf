import type { RecordedEvent } from '@crm/event-store';

export interface BatchingOptions {
  maxSize: number;
  /** How long a started batch waits for more events before it is applied. */
  maxWaitMs: number;
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
 * whatever came within maxWaitMs of the first. A pending read that lost the race to the timer is kept
 * for the next batch, so no event is dropped or reordered.
 */
export async function* eventBatches(source: AsyncIterable<RecordedEvent>, options: BatchingOptions): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  for (;;) {
    const first: IteratorResult<RecordedEvent> = await (pending ?? iterator.next());
    pending = null;
    if (first.done) return;
    const batch = [first.value];
    const deadline = timer(options.maxWaitMs);
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
    yield batch;
  }
}
