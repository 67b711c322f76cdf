import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { ChangeSelector } from './change-selector';
import type { EntityChange } from './entity-change';
import { LiveSubscription, type ReplayPages } from './live-subscription';
import { SlowSubscriberError } from './slow-subscriber.error';

const ANY: ChangeSelector = { ids: null, types: null };
const change = (position: number): EntityChange => ({
  type: 'LEAD', id: randomUUID(), revision: 0, position: BigInt(position), eventType: 'LeadCaptured', occurredAt: '2025-01-01T00:00:00.000Z',
});
const positions = (changes: readonly EntityChange[]): number[] => changes.map((c) => Number(c.position));
const pagesOf = (pages: EntityChange[][], pulled: { count: number } = { count: 0 }): ReplayPages => async () => {
  pulled.count++;
  return pages.shift() ?? null;
};
/** Takes `count` changes, or fewer when the stream ends. */
const take = async (stream: AsyncIterator<EntityChange>, count: number): Promise<EntityChange[]> => {
  const taken: EntityChange[] = [];
  while (taken.length < count) {
    const next = await stream.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return taken;
};

describe('a subscription holds at most maxQueued changes', () => {
  it('keeps up to the bound, then drops everything, tells onOverflow once and throws SlowSubscriberError', async () => {
    const overflows: number[] = [];
    let detached = 0;
    const subscription = new LiveSubscription(ANY, { maxQueued: 3, onOverflow: (queued) => overflows.push(queued), onDetach: () => detached++ });
    [1, 2, 3].forEach((p) => subscription.offer(change(p)));
    expect(subscription.queued).toBe(3);
    expect(overflows).toEqual([]);
    subscription.offer(change(4));
    subscription.offer(change(5));
    expect(subscription.queued).toBe(0);
    expect(overflows).toEqual([3]);
    expect(detached).toBe(1);
    const iterator = subscription[Symbol.asyncIterator]();
    const thrown = await iterator.next().catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(SlowSubscriberError);
    expect(thrown).toMatchObject({ code: 'SLOW_SUBSCRIBER', queued: 3 });
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('counts what a publication leaves waiting, even with a reader waiting, and fails that reader', async () => {
    const subscription = new LiveSubscription(ANY, { maxQueued: 2 });
    const iterator = subscription[Symbol.asyncIterator]();
    const waiting = iterator.next();
    [1, 2, 3].forEach((p) => subscription.offer(change(p)));
    await expect(waiting).rejects.toBeInstanceOf(SlowSubscriberError);
  });

  it('never overflows a reader that keeps up', async () => {
    const subscription = new LiveSubscription(ANY, { maxQueued: 2 });
    const iterator = subscription[Symbol.asyncIterator]();
    for (let p = 1; p <= 50; p++) {
      subscription.offer(change(p));
      subscription.offer(change(p + 1000));
      expect(positions(await take(iterator, 2))).toEqual([p, p + 1000]);
    }
  });
});

describe('a subscription gives the replayed pages, then the live changes', () => {
  it('serves replay pages one at a time, pulled only when the page before was taken, then what was buffered', async () => {
    const pulled = { count: 0 };
    const subscription = new LiveSubscription(ANY, { maxQueued: 10 });
    subscription.replayFirst(pagesOf([[change(1), change(2)], [change(4)]], pulled));
    subscription.offer(change(7));
    subscription.offer(change(8));
    expect(pulled.count).toBe(0);
    const iterator = subscription[Symbol.asyncIterator]();
    expect(positions(await take(iterator, 1))).toEqual([1]);
    expect(pulled.count).toBe(1);
    expect(positions(await take(iterator, 2))).toEqual([2, 4]);
    expect(pulled.count).toBe(2);
    expect(positions(await take(iterator, 2))).toEqual([7, 8]);
    expect(pulled.count).toBe(3);
  });

  it('skips live changes at or before skipThrough', async () => {
    const subscription = new LiveSubscription(ANY, { maxQueued: 10, skipThrough: 5n });
    [4, 5, 6, 9].forEach((p) => subscription.offer(change(p)));
    expect(positions(await take(subscription[Symbol.asyncIterator](), 2))).toEqual([6, 9]);
  });

  it('gives every replayed change then every live one, in order, however reads and arrivals interleave', async () => {
    const steps = fc.array(fc.oneof(fc.constant('offer' as const), fc.constant('take' as const)), { maxLength: 60 });
    const pageSizes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(pageSizes, steps, fc.integer({ min: 0, max: 5 }), async (sizes, script, skipped) => {
        let position = 0;
        const pages = sizes.map((size) => Array.from({ length: size }, () => change(++position)));
        const replayed = pages.flat();
        const through = position;
        const subscription = new LiveSubscription(ANY, { maxQueued: 1_000, skipThrough: BigInt(through + skipped) });
        subscription.replayFirst(pagesOf(pages.map((page) => [...page])));
        const iterator = subscription[Symbol.asyncIterator]();
        const expected = [...replayed];
        const received: EntityChange[] = [];
        for (const step of script) {
          if (step === 'offer') {
            const live = change(++position);
            if (position > through + skipped) expected.push(live);
            subscription.offer(live);
          } else if (received.length < expected.length) received.push(...(await take(iterator, 1)));
        }
        received.push(...(await take(iterator, expected.length - received.length)));
        expect(positions(received)).toEqual(positions(expected));
      }),
    );
  });
});

describe('closing a subscription', () => {
  it('ends a waiting reader and leaves the index once', async () => {
    let detached = 0;
    const subscription = new LiveSubscription(ANY, { maxQueued: 10, onDetach: () => detached++ });
    const waiting = subscription[Symbol.asyncIterator]().next();
    subscription.close();
    subscription.close();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(detached).toBe(1);
    subscription.offer(change(1));
    expect(subscription.queued).toBe(0);
  });

  it('happens when a for-await loop is left', async () => {
    let detached = 0;
    const subscription = new LiveSubscription(ANY, { maxQueued: 10, onDetach: () => detached++ });
    [1, 2, 3].forEach((p) => subscription.offer(change(p)));
    for await (const received of subscription) {
      expect(received.position).toBe(1n);
      break;
    }
    expect(detached).toBe(1);
    expect(subscription.isOpen).toBe(false);
  });

  it('while a replay page is being read drops that page', async () => {
    let release!: (page: EntityChange[]) => void;
    const subscription = new LiveSubscription(ANY, { maxQueued: 10 });
    subscription.replayFirst(() => new Promise((resolve) => (release = resolve)));
    const reading = subscription[Symbol.asyncIterator]().next();
    await new Promise(setImmediate);
    subscription.close();
    release([change(1)]);
    await expect(reading).resolves.toEqual({ value: undefined, done: true });
  });

  it('after a failed replay read passes the failure on and detaches', async () => {
    let detached = 0;
    const subscription = new LiveSubscription(ANY, { maxQueued: 10, onDetach: () => detached++ });
    subscription.replayFirst(async () => {
      throw new Error('disk gone');
    });
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toThrow('disk gone');
    expect(detached).toBe(1);
  });
});
