import type { RecordedEvent } from '@crm/event-store';
import { eventBatches, QUIET_AFTER_MS } from './event-batches';

const event = (position: number): RecordedEvent => ({ position: BigInt(position) }) as RecordedEvent;

/** A source that yields `burst` events at once, then pauses longer than the batching wait. */
async function* bursts(sizes: number[], pauseMs: number): AsyncGenerator<RecordedEvent> {
  let position = 0;
  for (const size of sizes) {
    for (let i = 0; i < size; i++) yield event(++position);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

describe('eventBatches', () => {
  it('cuts at maxSize and at idle gaps, losing and reordering nothing', async () => {
    const batches: number[][] = [];
    for await (const batch of eventBatches(bursts([5, 2, 7], 30), { maxSize: 4, maxWaitMs: 5 })) batches.push(batch.map((e) => Number(e.position)));
    expect(batches.map((b) => b.length)).toEqual([4, 1, 2, 4, 3]);
    expect(batches.flat()).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });
});

/** A subscription fed by hand: events arrive exactly when the test pushes them. */
const fedSource = (): { source: AsyncIterable<RecordedEvent>; push(...positions: number[]): void; end(): void } => {
  const queue: RecordedEvent[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const woken = (): void => {
    wake?.();
    wake = null;
  };
  async function* source(): AsyncGenerator<RecordedEvent> {
    for (;;) {
      while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      if (queue.length === 0) return;
      yield queue.shift() as RecordedEvent;
    }
  }
  return {
    source: source(),
    push: (...positions) => {
      queue.push(...positions.map(event));
      woken();
    },
    end: () => {
      ended = true;
      woken();
    },
  };
};

describe('eventBatches on a busy log', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const positionsOf = (result: IteratorResult<RecordedEvent[]>): number[] => (result.value as RecordedEvent[]).map((e) => Number(e.position));
  /** Whether a pending next() has settled after the clock moved by `ms`. */
  const settledAfter = async (next: Promise<unknown>, ms: number): Promise<boolean> => {
    let settled = false;
    void next.then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(ms);
    return settled;
  };

  /** Batches waiting up to 5 ms while busy, after a first batch of events 1 and 2 was handed over. */
  const afterBatchOfTwo = async (): Promise<ReturnType<typeof fedSource> & { batches: AsyncIterator<RecordedEvent[]> }> => {
    const fed = fedSource();
    const batches = eventBatches(fed.source, { maxSize: 100, maxWaitMs: 0, busyWaitMs: 5 })[Symbol.asyncIterator]();
    fed.push(1, 2);
    const first = batches.next();
    expect(await settledAfter(first, 0)).toBe(true);
    expect(positionsOf(await first)).toEqual([1, 2]);
    return { ...fed, batches };
  };

  it('waits busyWaitMs for more after a batch of several events, and not after a batch of one', async () => {
    const { batches, push } = await afterBatchOfTwo();

    // The last batch held two events: this one waits for more, up to 5 ms.
    push(3);
    const second = batches.next();
    expect(await settledAfter(second, 4)).toBe(false);
    push(4);
    expect(await settledAfter(second, 1)).toBe(true);
    expect(positionsOf(await second)).toEqual([3, 4]);

    push(5);
    const third = batches.next();
    expect(await settledAfter(third, 4)).toBe(false);
    expect(await settledAfter(third, 1)).toBe(true);
    expect(positionsOf(await third)).toEqual([5]);

    // After a batch of one (a lone client's write), the next takes only what is already there.
    push(6);
    const fourth = batches.next();
    expect(await settledAfter(fourth, 0)).toBe(true);
    expect(positionsOf(await fourth)).toEqual([6]);
  });

  it('does not wait once the log went quiet, even after a batch of several events', async () => {
    const { batches, push } = await afterBatchOfTwo();
    // Asked for the next batch, nothing comes for a while: the log went quiet.
    const second = batches.next();
    expect(await settledAfter(second, QUIET_AFTER_MS)).toBe(false);
    push(3);
    expect(await settledAfter(second, 0)).toBe(true);
    expect(positionsOf(await second)).toEqual([3]);
  });

  it('hands over what it gathered at once when the subscription ends during a wait', async () => {
    const { batches, push, end } = await afterBatchOfTwo();
    push(3);
    const second = batches.next();
    expect(await settledAfter(second, 1)).toBe(false);
    end();
    expect(await settledAfter(second, 0)).toBe(true);
    expect(positionsOf(await second)).toEqual([3]);
    expect((await batches.next()).done).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  // Guards the rule that the longer wait wins (it holds without busy waits at all).
  it('waits maxWaitMs when it is the longer of the two', async () => {
    const { source, push } = fedSource();
    const batches = eventBatches(source, { maxSize: 100, maxWaitMs: 8, busyWaitMs: 2 })[Symbol.asyncIterator]();
    push(1, 2);
    const first = batches.next();
    expect(await settledAfter(first, 8)).toBe(true);
    push(3);
    const second = batches.next();
    expect(await settledAfter(second, 7)).toBe(false);
    expect(await settledAfter(second, 1)).toBe(true);
    expect(positionsOf(await second)).toEqual([3]);
  });
});
