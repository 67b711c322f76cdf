import { WEBHOOK_DELIVERY_LEASE } from '../webhook.docs';
import { freshHarnessPerTest } from '../testing/fresh-harness-per-test';
import { waitUntil } from '../testing/delivery-harness';
import type { ReceivedRequest } from '../testing/loopback-receiver';
import type { Resolver } from './target-address';

const positionOf = (request: ReceivedRequest): bigint => BigInt(JSON.parse(request.body).data.position);
const idOf = (request: ReceivedRequest): string => String(request.headers['webhook-id']);

describe('webhook delivery lease (two deliverers over one SQLite read store)', () => {
  const { harness, receiver } = freshHarnessPerTest();

  /** Resolves the endpoint's name to the receiver, counting who asked: each deliverer resolves before each attempt. */
  const countingResolver = (counts: { n: number }): Resolver => async () => {
    counts.n++;
    return [{ address: '127.0.0.1', family: 4 }];
  };

  it('lets only the holder send; when it stops, the other takes over where it left off, never sending an attempt at the same time', async () => {
    const { id } = await harness.addEndpoint(`http://hooks.crm.test:${receiver.port}/hooks/crm`);
    const sentByA = { n: 0 };
    const sentByB = { n: 0 };
    const a = harness.deliverer({ owner: 'deliverer-a', resolve: countingResolver(sentByA) });
    a.start();
    await waitUntil('a holds the lease', () => a.isDelivering);
    const b = harness.deliverer({ owner: 'deliverer-b', resolve: countingResolver(sentByB) }, harness.openReadStore());
    b.start();
    const positions = await harness.append(30);
    await receiver.arrived(15);
    expect(b.isDelivering).toBe(false);
    expect(sentByB.n).toBe(0);
    await a.stop();
    positions.push(...(await harness.append(30)));
    await waitUntil('b delivered the rest', async () => (await harness.webhooks.checkpoint(id)) === positions[positions.length - 1]);
    expect(b.isDelivering).toBe(true);
    expect(sentByA.n).toBeGreaterThanOrEqual(15);
    expect(sentByB.n).toBeGreaterThan(0);
    expect(await harness.readStore.leaseHolder(WEBHOOK_DELIVERY_LEASE)).toBe('deliverer-b');
    // At least once: the attempt A abandoned when it stopped may arrive twice, never two at once.
    const byId = new Map<string, ReceivedRequest[]>();
    for (const request of receiver.requests) byId.set(idOf(request), [...(byId.get(idOf(request)) ?? []), request]);
    expect(byId.size).toBe(60);
    for (const requests of byId.values()) {
      expect(requests.length).toBeLessThanOrEqual(2);
      if (requests.length === 2) expect(requests[1].receivedAt).toBeGreaterThanOrEqual(requests[0].answeredAt ?? Infinity);
    }
    const seen = new Set<string>();
    expect(receiver.requests.filter((request) => !seen.has(idOf(request)) && seen.add(idOf(request))).map(positionOf)).toEqual(positions);
  });

  it('stores nothing after losing the lease in the middle of an attempt, and stops sending', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.answerWith(async () => {
      await answered;
      return { status: 204 };
    });
    const logged: string[] = [];
    // A long lease: it is not the renewal that notices, but the fenced write of the attempt's outcome.
    const a = harness.deliverer({ owner: 'deliverer-a', leaseTtlMs: 60_000, timeoutMs: 10_000, log: (_level, message) => logged.push(message) });
    a.start();
    await harness.append(3);
    await receiver.arrived(1);
    await harness.readStore.releaseLease(WEBHOOK_DELIVERY_LEASE, 'deliverer-a');
    expect(await harness.readStore.acquireLease(WEBHOOK_DELIVERY_LEASE, 'intruder', 60_000)).toBe(true);
    release();
    await waitUntil('a saw it lost the lease', () => !a.isDelivering && logged.some((message) => message.includes('lease was lost (another process holds it)')));
    await a.stop();
    expect(receiver.requests).toHaveLength(1);
    expect(await harness.webhooks.delivery(idOf(receiver.requests[0]))).toBeNull();
    expect(await harness.webhooks.checkpoint(id)).toBeNull();
    expect(await harness.readStore.leaseHolder(WEBHOOK_DELIVERY_LEASE)).toBe('intruder');
  });
});
