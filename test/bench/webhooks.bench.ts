import { request } from 'node:http';
import { newWebhookSecret, sendWebhook } from '@crm/application';
import { DeliveryHarness } from '../../libs/application/src/webhooks/testing/delivery-harness';
import { LoopbackReceiver } from '../../libs/application/src/webhooks/testing/loopback-receiver';
import { rate, type BenchRow } from './bench-kit';

const EVENTS = 2_000;
const ROUNDS = 3;
const BODY = JSON.stringify({ type: 'LeadQualified', timestamp: new Date().toISOString(), data: { stream: 'lead-1', revision: 1, position: '1', event: { id: 'e', type: 'LeadQualified', occurredAt: new Date().toISOString(), data: { leadId: 'l', from: 'NEW' } } } });

/** One POST on a connection of its own (the deliverer opens one per attempt), nothing else. */
const rawPost = (url: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) } }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    sent.on('error', reject);
    sent.end(BODY);
  });

const sequentially = async (count: number, send: () => Promise<unknown>): Promise<void> => {
  for (let i = 0; i < count; i++) await send();
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** EVENTS events already in the log delivered to one new endpoint, one at a time in log order, each recorded in the read store. */
const deliverRound = async (receiver: LoopbackReceiver): Promise<number> => {
  const harness = new DeliveryHarness();
  try {
    await harness.append(EVENTS);
    const { id } = await harness.addEndpoint(receiver.url);
    const before = receiver.requests.length;
    const deliverer = harness.deliverer({ config: { retrySchedule: [1_000], deactivateAfterMs: 3_600_000, pollMs: 10, allowPrivate: true, leaseTtlMs: 36_000, attemptTimeoutMs: 10_000 } });
    const delivered = await rate(EVENTS, async () => {
      deliverer.start();
      await receiver.arrived(before + EVENTS);
    });
    await deliverer.stop();
    if ((await harness.webhooks.deliveries(id, { first: 1 })).items[0]?.status !== 'DELIVERED') throw new Error('the last delivery was not recorded');
    return delivered;
  } finally {
    await harness.close();
  }
};

/**
 * Webhook deliveries per second to one endpoint on a loopback receiver in this process, beside the
 * same receiver's rate for plain POSTs one after another on a new connection each, and for the
 * sender alone (sign, check the address, POST); rounds alternate, medians are reported.
 */
export const benchWebhooks = async (): Promise<BenchRow[]> => {
  const receiver = await LoopbackReceiver.start();
  const secret = newWebhookSecret();
  const sender = { timeoutMs: 10_000, allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }], now: Date.now };
  const raw: number[] = [];
  const signed: number[] = [];
  const delivered: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await rate(EVENTS, () => sequentially(EVENTS, () => rawPost(receiver.url))));
      delivered.push(await deliverRound(receiver));
      signed.push(await rate(EVENTS, () => sequentially(EVENTS, () => sendWebhook({ url: receiver.url, id: 'msg_bench', body: BODY, secret }, sender))));
      receiver.requests.length = 0;
    }
  } finally {
    await receiver.close();
  }
  const baseline = { name: 'plain POSTs one after another, a new connection each', value: median(raw) };
  return [
    { name: 'sendWebhook one after another (sign, check, POST)', value: median(signed), unit: 'requests/s', baseline },
    { name: `webhook deliveries, one endpoint, in log order (${EVENTS} events)`, value: median(delivered), unit: 'deliveries/s', baseline },
  ];
};
