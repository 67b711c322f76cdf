import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import type { GlobalPosition, RecordedEvent } from '../events';
import { isTransientClientError } from './esdb-subscription';
import { resubscribingSubscription, type EventFeed } from './resubscribing-subscription';

/** One scripted server subscription: positions to deliver, then an error, an end, or silence. */
type Step = number | Error | 'end' | 'hang';

const eventAt = (position: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'Counted',
  data: { n: position },
  metadata: { actor: 'a', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2024-01-01T00:00:00Z' },
  streamName: 'count-1',
  revision: position,
  position: BigInt(position),
  recordedAt: new Date(0),
});

class FakeNetwork {
  readonly openedAfter: Array<GlobalPosition | undefined> = [];
  closedFeeds = 0;

  constructor(private readonly scripts: Step[][]) {}

  open = (after: GlobalPosition | undefined): EventFeed => {
    this.openedAfter.push(after);
    const script = this.scripts.shift() ?? ['hang'];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    return {
      async *[Symbol.asyncIterator]() {
        for (const step of script) {
          if (step === 'end') return;
          if (step === 'hang') return void (await released);
          if (step instanceof Error) throw step;
          yield eventAt(step);
        }
        await released;
      },
      close: async () => {
        this.closedFeeds += 1;
        release();
      },
    };
  };
}

const takeN = async (iterable: AsyncIterable<RecordedEvent>, count: number): Promise<number[]> => {
  const seen: number[] = [];
  if (count === 0) return seen;
  for await (const event of iterable) {
    seen.push(Number(event.position));
    if (seen.length === count) break;
  }
  return seen;
};

const subscribe = (network: FakeNetwork, after?: GlobalPosition, onDrop?: (e: unknown) => void) =>
  resubscribingSubscription({
    after,
    open: network.open,
    isRetryable: isTransientClientError,
    onDrop,
    backoffMs: () => 1,
  });

describe('resubscribing subscription', () => {
  it('resubscribes after a dropped feed from the last position, skipping what the new feed replays', async () => {
    const network = new FakeNetwork([
      [1, 2, 3, new UnavailableError()],
      [2, 3, 4, 5, 'hang'],
    ]);
    const drops: unknown[] = [];
    const subscription = subscribe(network, undefined, (e) => drops.push(e));
    expect(await takeN(subscription, 5)).toEqual([1, 2, 3, 4, 5]);
    await subscription.close();
    expect(network.openedAfter).toEqual([undefined, 3n]);
    expect(drops).toHaveLength(1);
    expect(drops[0]).toBeInstanceOf(UnavailableError);
  });

  it('treats an end it did not ask for as a drop', async () => {
    const network = new FakeNetwork([[1, 2, 'end'], ['end'], [3, 'hang']]);
    const subscription = subscribe(network);
    expect(await takeN(subscription, 3)).toEqual([1, 2, 3]);
    await subscription.close();
    expect(network.openedAfter).toEqual([undefined, 2n, 2n]);
  });

  it('starts strictly after the given position even if the server repeats it', async () => {
    const network = new FakeNetwork([[4, 5, 6, 'hang']]);
    const subscription = subscribe(network, 5n);
    expect(await takeN(subscription, 1)).toEqual([6]);
    await subscription.close();
    expect(network.openedAfter).toEqual([5n]);
  });

  it('never yields out of order or twice within one feed', async () => {
    const network = new FakeNetwork([[1, 2, 2, 1, 3, 'hang']]);
    const subscription = subscribe(network);
    expect(await takeN(subscription, 3)).toEqual([1, 2, 3]);
    await subscription.close();
  });

  it('ends the iteration with a failure that resubscribing would not cure', async () => {
    const denied = new AccessDeniedError();
    const network = new FakeNetwork([[1, denied]]);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const event of subscribe(network)) seen.push(Number(event.position));
      })(),
    ).rejects.toBe(denied);
    expect(seen).toEqual([1]);
    expect(network.openedAfter).toHaveLength(1);
    expect(network.closedFeeds).toBe(1);
  });

  it('close() ends a pending wait at once and unsubscribes', async () => {
    const network = new FakeNetwork([['hang']]);
    const subscription = subscribe(network);
    const iterator = subscription[Symbol.asyncIterator]();
    const pending = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.close();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(network.closedFeeds).toBe(1);
  });

  it('close() during the backoff stops resubscribing', async () => {
    const network = new FakeNetwork([[new UnavailableError()]]);
    const subscription = resubscribingSubscription({
      open: network.open,
      isRetryable: isTransientClientError,
      backoffMs: () => 60_000,
    });
    const pending = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.close();
    await expect(pending).resolves.toMatchObject({ done: true });
    expect(network.openedAfter).toHaveLength(1);
  });

  it('retries only the client failures of a connection or server', () => {
    expect(isTransientClientError(new UnavailableError())).toBe(true);
    expect(isTransientClientError(new AccessDeniedError())).toBe(false);
    expect(isTransientClientError(new Error('upcaster failed'))).toBe(false);
  });
});
