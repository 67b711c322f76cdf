import { WEBHOOK_DELIVERY_LEASE, WEBHOOK_ENDPOINTS } from '../webhook.docs';
import { freshHarnessPerTest } from '../testing/fresh-harness-per-test';
import { quickConfig, waitUntil } from '../testing/delivery-harness';
import { deferred, interceptedReadStore } from '../testing/intercepted-read-store';
import type { Resolver } from './target-address';

describe('webhook deliverer and a lease it cannot be sure of (SQLite read store, loopback receiver)', () => {
  const { harness, receiver } = freshHarnessPerTest();

  it('refuses an attempt timeout of a third of the lease\'s ttl or more', () => {
    expect(() => harness.deliverer({ leaseTtlMs: 3_000, timeoutMs: 1_000 })).toThrow(/under a third of the delivery lease's ttl/);
    expect(() => harness.deliverer({ leaseTtlMs: 3_000, timeoutMs: 999 })).not.toThrow();
  });

  it('starts no endpoint and sends nothing when the lease is lost while a poll reads the endpoints, and delivers once it holds the lease again', async () => {
    await harness.addEndpoint(`http://hooks.crm.test:${receiver.port}/hooks/crm`);
    await harness.append(1);
    const endpointsRead = deferred();
    let endpointReads = 0;
    let acquires = 0;
    const store = interceptedReadStore(harness.openReadStore(), {
      find: (real, collection, options) => {
        if (collection === WEBHOOK_ENDPOINTS && ++endpointReads === 1) return endpointsRead.promise.then(() => real(collection, options));
        return real(collection, options);
      },
      acquireLease: (real, ...args) => {
        acquires++;
        return real(...args);
      },
    });
    let resolved = 0;
    const resolve: Resolver = async () => {
      resolved++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const a = harness.deliverer({ owner: 'deliverer-a', leaseTtlMs: 600, timeoutMs: 150, resolve, config: quickConfig({ pollMs: 1_000 }) }, store);
    a.start();
    await waitUntil('a reads the endpoints', () => endpointReads === 1);
    // The lease changes hands while the read is under way, so a's next renewal is refused.
    await harness.readStore.releaseLease(WEBHOOK_DELIVERY_LEASE, 'deliverer-a');
    expect(await harness.readStore.acquireLease(WEBHOOK_DELIVERY_LEASE, 'intruder', 60_000)).toBe(true);
    await waitUntil('a knows it lost the lease', () => !a.isDelivering);
    const acquiresBefore = acquires;
    endpointsRead.resolve();
    await waitUntil('a went back to trying for the lease three times, its poll over', () => acquires >= acquiresBefore + 3);
    expect(resolved).toBe(0);
    expect(receiver.requests).toHaveLength(0);

    await harness.readStore.releaseLease(WEBHOOK_DELIVERY_LEASE, 'intruder');
    await receiver.arrived(1);
    expect(resolved).toBe(1);
  });

  const TTL_MS = 3_000;

  it('starts no attempt it cannot finish before the lease may expire while a renewal hangs, and lets the lease go when it does', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    receiver.answerWith(() => ({ status: 500 }));
    const hung: Array<(taken: boolean) => void> = [];
    let takenAt = 0;
    let refuse = false;
    const store = interceptedReadStore(harness.openReadStore(), {
      acquireLease: (real, ...args) => {
        if (refuse) return Promise.resolve(false);
        if (takenAt !== 0) return new Promise<boolean>((answer) => hung.push(answer));
        takenAt = Date.now();
        return real(...args);
      },
    });
    const logged: string[] = [];
    // The margin an attempt must leave before the expiry (a sixth of the ttl) is far longer than a loaded process's pauses.
    const a = harness.deliverer({ owner: 'deliverer-a', leaseTtlMs: TTL_MS, timeoutMs: 200, log: (_level, message) => logged.push(message) }, store);
    a.start();
    await harness.append(1);
    await receiver.arrived(2);
    // The lease stops counting as held the moment its time is up; the keeper's timer then lets it go.
    await waitUntil('a lets the lease go', () => logged.some((line) => line.includes('lease was lost (it could not be renewed in time)')), 3 * TTL_MS);
    expect(a.isDelivering).toBe(false);
    // The store answers again, refusing, so that a can stop: a call still hanging would hold it up.
    refuse = true;
    for (const answer of hung) answer(false);
    await a.stop();
    // Every attempt started early enough to run its whole timeout before the lease could expire.
    const expiry = takenAt + TTL_MS;
    const late = receiver.requests.filter((request) => request.receivedAt + 200 >= expiry);
    expect(late.map((request) => request.receivedAt - takenAt)).toEqual([]);
    expect((await harness.webhooks.oldestPending(id))?.attempts).toBeGreaterThanOrEqual(1);
  });
});
