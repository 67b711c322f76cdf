import type { WriteOp } from '@crm/read-models';
import { freshHarnessPerTest } from '../testing/fresh-harness-per-test';
import { quickConfig, waitUntil } from '../testing/delivery-harness';
import { deferred, interceptedReadStore } from '../testing/intercepted-read-store';
import type { ReceivedRequest } from '../testing/loopback-receiver';

const idOf = (request: ReceivedRequest): string => String(request.headers['webhook-id']);
const touches = (op: WriteOp, id: string): boolean => (op.kind === 'upsert' ? op.doc.id === id : op.id === id);

describe('webhook redelivery requests made or stored at awkward moments (real SQLite stores, loopback receiver)', () => {
  const { harness, receiver } = freshHarnessPerTest();

  it('serves a request made while the attempt serving an earlier one is under way: that attempt\'s write does not clear it', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    harness.deliverer().start();
    const [position] = await harness.append(1);
    await waitUntil('the event is recorded as delivered', async () => (await harness.webhooks.checkpoint(id)) === position);
    const delivered = idOf(receiver.requests[0]);
    const answer = deferred();
    receiver.answerWith(async () => {
      if (receiver.requests.length === 2) await answer.promise;
      return { status: 204 };
    });
    await harness.webhooks.requestRedelivery(delivered, new Date().toISOString());
    await receiver.arrived(2);
    await harness.webhooks.requestRedelivery(delivered, new Date().toISOString());
    answer.resolve();
    await waitUntil('the later request is served too', () => receiver.requests.length >= 3, 5_000);
    expect(receiver.requests.map(idOf)).toEqual([delivered, delivered, delivered]);
    await waitUntil('no request is left', async () => (await harness.webhooks.redeliveryRequests()).length === 0);
    expect(await harness.webhooks.delivery(delivered)).toMatchObject({ status: 'DELIVERED', attempts: 3 });
  });

  it('serves a request made while the pending head is attempted for an earlier one', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    const answer = deferred();
    receiver.answerWith(async () => {
      if (receiver.requests.length === 2) await answer.promise;
      return { status: 500 };
    });
    harness.deliverer({ config: quickConfig({ retrySchedule: [3_600_000] }) }).start();
    await harness.append(1);
    await waitUntil('the first attempt failed', async () => (await harness.webhooks.oldestPending(id))?.attempts === 1);
    const pending = (await harness.webhooks.oldestPending(id))!;
    await harness.webhooks.requestRedelivery(pending.id, new Date().toISOString());
    await receiver.arrived(2);
    await harness.webhooks.requestRedelivery(pending.id, new Date().toISOString());
    answer.resolve();
    await waitUntil('the later request is served too', () => receiver.requests.length >= 3, 5_000);
    await waitUntil('no request is left', async () => (await harness.webhooks.redeliveryRequests()).length === 0);
    expect(await harness.webhooks.delivery(pending.id)).toMatchObject({ status: 'PENDING', attempts: 3 });
    expect(receiver.requests).toHaveLength(3);
  });

  it('serves a request again when the write of the attempt that served it was not stored', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    let failFor: string | null = null;
    const store = interceptedReadStore(harness.openReadStore(), {
      writeBatch: (real, ops, checkpoint) => {
        if (failFor !== null && ops.some((op) => touches(op, failFor!))) {
          failFor = null;
          return Promise.reject(new Error('disk I/O error'));
        }
        return real(ops, checkpoint);
      },
    });
    harness.deliverer({}, store).start();
    const [position] = await harness.append(1);
    await waitUntil('the event is recorded as delivered', async () => (await harness.webhooks.checkpoint(id)) === position);
    const delivered = idOf(receiver.requests[0]);
    failFor = delivered;
    await harness.webhooks.requestRedelivery(delivered, new Date().toISOString());
    await waitUntil('the request is served again after its write failed', () => receiver.requests.length >= 3, 10_000);
    await waitUntil('no request is left', async () => (await harness.webhooks.redeliveryRequests()).length === 0);
    expect(await harness.webhooks.delivery(delivered)).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });
});
