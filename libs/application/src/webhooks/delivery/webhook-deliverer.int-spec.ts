import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { MasterKey } from '@crm/key-store';
import { encodePosition } from '@crm/read-models';
import { newWebhookSecret, WebhookSecrets } from '../webhook-secret';
import { freshHarnessPerTest } from '../testing/fresh-harness-per-test';
import { quickConfig, waitUntil } from '../testing/delivery-harness';
import { LoopbackReceiver, type ReceivedRequest } from '../testing/loopback-receiver';

const positionOf = (request: ReceivedRequest): bigint => BigInt(JSON.parse(request.body).data.position);
const idsOf = (requests: readonly ReceivedRequest[]): string[] => requests.map((request) => String(request.headers['webhook-id']));
/** Each event's first arrival, in the order the receiver saw them (receivers deduplicate on webhook-id). */
const firstArrivals = (requests: readonly ReceivedRequest[]): ReceivedRequest[] => {
  const seen = new Set<string>();
  return requests.filter((request) => !seen.has(String(request.headers['webhook-id'])) && seen.add(String(request.headers['webhook-id'])));
};

describe('webhook deliverer (real SQLite stores, loopback receiver)', () => {
  const { harness, receiver } = freshHarnessPerTest();

  it('delivers each event once, in log order, signed so Standard Webhooks verifies, and nothing about the person', async () => {
    const { id, secret } = await harness.addEndpoint(receiver.url);
    harness.deliverer().start();
    const captured = await harness.captureSealed({ firstName: 'Wilhelmina', lastName: 'Brouwer', email: 'wilhelmina@brouwer.example' });
    const later = await harness.append(3);
    await receiver.arrived(4);
    const verifier = new Webhook(secret);
    const payloads = receiver.requests.map((request) => verifier.verify(request.body, request.headers as Record<string, string>) as { type: string; data: { position: string } });
    expect(payloads.map((payload) => payload.type)).toEqual(['LeadCaptured', 'LeadQualified', 'LeadQualified', 'LeadQualified']);
    expect(payloads.map((payload) => BigInt(payload.data.position))).toEqual([captured, ...later]);
    expect(receiver.requests[0].body).not.toMatch(/Wilhelmina|Brouwer|brouwer\.example|ciphertext/);
    await waitUntil('the last delivery is recorded', async () => (await harness.webhooks.checkpoint(id)) === later[2]);
    const { items } = await harness.webhooks.deliveries(id, { first: 10 });
    expect(items.map((delivery) => [delivery.position, delivery.status, delivery.attempts])).toEqual(
      [...later].reverse().concat(captured).map((position) => [encodePosition(position), 'DELIVERED', 1]),
    );
    expect(idsOf(receiver.requests)).toEqual(items.map((delivery) => delivery.id).reverse());
  });

  it('sends a failing delivery again under the same webhook-id after the retry wait, and later events only after it', async () => {
    const { id } = await harness.addEndpoint(receiver.url);
    receiver.answerWith(() => (receiver.requests.length <= 3 ? { status: 503, body: 'try later' } : { status: 200 }));
    harness.deliverer({ config: quickConfig({ retrySchedule: [30, 60] }) }).start();
    const [first, second] = await harness.append(2);
    await receiver.arrived(5);
    expect(receiver.requests.map(positionOf)).toEqual([first, first, first, first, second]);
    const firstId = idsOf(receiver.requests)[0];
    expect(idsOf(receiver.requests).slice(0, 4)).toEqual([firstId, firstId, firstId, firstId]);
    const gaps = receiver.requests.slice(1, 4).map((request, i) => request.receivedAt - receiver.requests[i].receivedAt);
    expect(gaps[0]).toBeGreaterThanOrEqual(25);
    expect(gaps[2]).toBeGreaterThanOrEqual(55);
    await waitUntil('the second event is recorded as delivered', async () => (await harness.webhooks.checkpoint(id)) === second);
    expect(await harness.webhooks.delivery(firstId)).toMatchObject({ status: 'DELIVERED', attempts: 4, lastResponseStatus: 200, lastError: null });
    expect((await harness.webhooks.endpoint(id))?.failingSince).toBeNull();
  });

  it('keeps log order per endpoint over many events and flaky answers, and sends a filtered endpoint only its event types', async () => {
    const other = await LoopbackReceiver.start('/only-captures');
    try {
      await harness.addEndpoint(receiver.url);
      await harness.addEndpoint(other.url, { eventTypes: ['LeadCaptured'] });
      let answered = 0;
      receiver.answerWith(() => (++answered % 7 === 0 ? { status: 500 } : { status: 204 }));
      harness.deliverer({ config: quickConfig({ retrySchedule: [1] }) }).start();
      const positions: bigint[] = [];
      const captures: bigint[] = [];
      for (let round = 0; round < 20; round++) {
        positions.push(...(await harness.append(8)));
        const captured = await harness.append(2, 'LeadCaptured');
        positions.push(...captured);
        captures.push(...captured);
      }
      await waitUntil('every event reached the first receiver', () => firstArrivals(receiver.requests).length === positions.length, 60_000);
      expect(firstArrivals(receiver.requests).map(positionOf)).toEqual(positions);
      expect(receiver.requests.map(positionOf)).toEqual([...receiver.requests.map(positionOf)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      await other.arrived(captures.length);
      expect(other.requests.map(positionOf)).toEqual(captures);
    } finally {
      await other.close();
    }
  });

  it('begins after the log\'s head as it was when the endpoint was made', async () => {
    const [, made] = await harness.append(2);
    await harness.addEndpoint(receiver.url, { startAfter: made.toString() });
    harness.deliverer().start();
    const later = await harness.append(2);
    await receiver.arrived(2);
    expect(receiver.requests.map(positionOf)).toEqual(later);
  });

  it('lets no endpoint hold up another: one that never answers waits alone', async () => {
    const stuck = await LoopbackReceiver.start();
    try {
      stuck.answerWith(() => 'hang');
      await harness.addEndpoint(stuck.url);
      await harness.addEndpoint(receiver.url);
      harness.deliverer({ timeoutMs: 60_000, leaseTtlMs: 181_000 }).start();
      const positions = await harness.append(20);
      await receiver.arrived(20);
      expect(receiver.requests.map(positionOf)).toEqual(positions);
      expect(stuck.requests).toHaveLength(1);
    } finally {
      await stuck.close();
    }
  });

  it('refuses a name that resolves to a forbidden address at delivery time, records why, and sends nothing', async () => {
    const { id } = await harness.addEndpoint(`http://hooks.crm.test:${receiver.port}/hooks/crm`);
    const resolved: string[] = [];
    harness.deliverer({
      config: quickConfig({ allowPrivate: false, retrySchedule: [20] }),
      resolve: async (host) => {
        resolved.push(host);
        return [{ address: '10.0.0.5', family: 4 }];
      },
    }).start();
    const [position] = await harness.append(1);
    await waitUntil('three attempts were refused', async () => ((await harness.webhooks.oldestPending(id))?.attempts ?? 0) >= 3);
    const pending = await harness.webhooks.oldestPending(id);
    expect(pending).toMatchObject({ position: encodePosition(position), status: 'PENDING', lastResponseStatus: null, lastError: 'refused hooks.crm.test: 10.0.0.5 is a private, loopback, link-local or reserved address' });
    expect(resolved.length).toBeGreaterThanOrEqual(3);
    expect(receiver.requests).toHaveLength(0);
    expect(await harness.webhooks.checkpoint(id)).toBeNull();
  });

  it('fails every attempt of an endpoint whose secret does not open under this master key, and signs nothing', async () => {
    const sealedElsewhere = new WebhookSecrets(new MasterKey(randomBytes(32))).seal('wh-foreign', newWebhookSecret());
    const { id } = await harness.addEndpoint(receiver.url, { id: 'wh-foreign', sealedSecret: sealedElsewhere });
    harness.deliverer().start();
    await harness.append(1);
    await waitUntil('two attempts failed', async () => ((await harness.webhooks.oldestPending(id))?.attempts ?? 0) >= 2);
    expect((await harness.webhooks.oldestPending(id))?.lastError).toBe('its signing secret does not open under this master key');
    expect(receiver.requests).toHaveLength(0);
  });
});
