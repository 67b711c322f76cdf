import { encodePosition } from '@crm/read-models';
import { freshHarnessPerTest } from '../testing/fresh-harness-per-test';
import { quickConfig, waitUntil } from '../testing/delivery-harness';
import { LoopbackReceiver, type ReceivedRequest } from '../testing/loopback-receiver';

const positionOf = (request: ReceivedRequest): bigint => BigInt(JSON.parse(request.body).data.position);
const idOf = (request: ReceivedRequest): string => String(request.headers['webhook-id']);

describe('webhook redelivery and deactivation (real SQLite stores, loopback receiver)', () => {
  const { harness, receiver } = freshHarnessPerTest();

  it('sends a delivered event again at once when asked, under its id, out of order, and clears the request', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    harness.deliverer().start();
    const positions = await harness.append(3);
    await receiver.arrived(3);
    await waitUntil('all three are recorded', async () => (await harness.webhooks.checkpoint(id)) === positions[2]);
    const second = idOf(receiver.requests[1]);
    await harness.webhooks.requestRedelivery(second, new Date().toISOString());
    await receiver.arrived(4);
    expect(idOf(receiver.requests[3])).toBe(second);
    expect(positionOf(receiver.requests[3])).toBe(positions[1]);
    expect(receiver.requests[3].body).toBe(receiver.requests[1].body);
    await waitUntil('the request is cleared', async () => (await harness.webhooks.redeliveryRequests()).length === 0);
    expect(await harness.webhooks.delivery(second)).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(await harness.webhooks.checkpoint(id)).toBe(positions[2]);
  });

  it('attempts a pending delivery at once when asked, without waiting out its retry', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    receiver.answerWith(() => (receiver.requests.length === 1 ? { status: 500 } : { status: 204 }));
    harness.deliverer({ config: quickConfig({ retrySchedule: [3_600_000] }) }).start();
    const [position] = await harness.append(1);
    await waitUntil('the first attempt failed', async () => (await harness.webhooks.oldestPending(id))?.attempts === 1);
    const pending = (await harness.webhooks.oldestPending(id))!;
    expect(Date.parse(pending.nextAttemptAt!) - Date.now()).toBeGreaterThan(3_000_000);
    await harness.webhooks.requestRedelivery(pending.id, new Date().toISOString());
    await receiver.arrived(2);
    await waitUntil('it is delivered', async () => (await harness.webhooks.checkpoint(id)) === position);
    expect(await harness.webhooks.delivery(pending.id)).toMatchObject({ status: 'DELIVERED', attempts: 2, nextAttemptAt: null });
    expect(await harness.webhooks.redeliveryRequests()).toEqual([]);
  });

  it('deactivates an endpoint failing for longer than allowed, and a redelivered head makes it active again, the rest following in order', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    let healthy = false;
    receiver.answerWith(() => (healthy ? { status: 204 } : { status: 500, body: 'maintenance' }));
    harness.deliverer({ config: quickConfig({ retrySchedule: [20], deactivateAfterMs: 200 }) }).start();
    const positions = await harness.append(3);
    await waitUntil('the endpoint is deactivated', async () => (await harness.webhooks.endpoint(id))?.active === false);
    const endpoint = (await harness.webhooks.endpoint(id))!;
    expect(endpoint.deactivatedReason).toBe(`Failing since ${endpoint.failingSince}; last error: HTTP 500: maintenance`);
    expect(Date.parse(endpoint.deactivatedAt!) - Date.parse(endpoint.failingSince!)).toBeGreaterThanOrEqual(200);
    const head = (await harness.webhooks.deliveries(id, { first: 10 })).items;
    expect(head).toHaveLength(1);
    expect(head[0]).toMatchObject({ position: encodePosition(positions[0]), status: 'FAILED', nextAttemptAt: null });
    expect(await harness.webhooks.oldestPending(id)).toBeNull();
    expect(new Set(receiver.requests.map(positionOf))).toEqual(new Set([positions[0]]));

    healthy = true;
    const before = receiver.requests.length;
    await harness.webhooks.requestRedelivery(head[0].id, new Date().toISOString());
    await receiver.arrived(before + 3);
    expect(receiver.requests.slice(before).map(positionOf)).toEqual(positions);
    await waitUntil('all are delivered', async () => (await harness.webhooks.checkpoint(id)) === positions[2]);
    expect(await harness.webhooks.endpoint(id)).toMatchObject({ active: true, failingSince: null, deactivatedAt: null, deactivatedReason: null });
    expect(await harness.webhooks.delivery(head[0].id)).toMatchObject({ status: 'DELIVERED' });
    expect(await harness.webhooks.redeliveryRequests()).toEqual([]);
  });

  it('stops delivering to a deleted endpoint and clears a redelivery asked for on it', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    const kept = await LoopbackReceiver.start();
    try {
      await harness.addEndpoint(kept.url);
      harness.deliverer().start();
      await harness.append(1);
      await receiver.arrived(1);
      await waitUntil('it is recorded', async () => (await harness.webhooks.checkpoint(id)) !== null);
      const delivered = idOf(receiver.requests[0]);
      await harness.webhooks.deleteEndpoint(id);
      await harness.webhooks.requestRedelivery(delivered, new Date().toISOString());
      await waitUntil('the request is cleared', async () => (await harness.webhooks.redeliveryRequests()).length === 0);
      expect(await harness.webhooks.delivery(delivered)).toMatchObject({ lastError: 'Not sent again: its webhook was deleted' });
      const [later] = await harness.append(1);
      await kept.arrived(2);
      expect(positionOf(kept.requests[1])).toBe(later);
      expect(receiver.requests).toHaveLength(1);
      expect(await harness.webhooks.checkpoint(id)).toBeNull();
    } finally {
      await kept.close();
    }
  });
});
