import { encodePosition, LeaseLostError, type ReadStore } from '@crm/read-models';
import { WebhookStore } from './webhook-store';
import { WEBHOOK_DELIVERY_LEASE, type WebhookDeliveryDoc, type WebhookEndpointDoc } from './webhook.docs';

export const endpointDoc = (id: string, createdAt: string, over: Partial<WebhookEndpointDoc> = {}): WebhookEndpointDoc => ({
  id, url: 'https://hooks.example/crm', eventTypes: [], description: null, active: true, createdAt, createdBy: 'admin-1', startAfter: null,
  sealedSecret: 'c2VhbGVk', failingSince: null, deactivatedAt: null, deactivatedReason: null, ...over,
});

export const deliveryDoc = (webhookId: string, position: bigint, over: Partial<WebhookDeliveryDoc> = {}): WebhookDeliveryDoc => ({
  id: `msg_${webhookId}_${position}`, webhookId, eventId: `event-${position}`, eventType: 'LeadCaptured', stream: 'lead-1', revision: Number(position),
  position: encodePosition(position), status: 'DELIVERED', attempts: 1, createdAt: '2026-01-01T00:00:00.000Z', lastAttemptAt: null, nextAttemptAt: null,
  lastResponseStatus: 204, lastError: null, deliveredAt: null, redeliverRequestedAt: null, ...over,
});

/** What `WebhookStore` promises over any read-store adapter. */
export const describeWebhookStoreContract = (name: string, open: () => Promise<ReadStore>): void => {
  describe(`webhook store (${name})`, () => {
    let readStore: ReadStore;
    let store: WebhookStore;
    const holder = { owner: 'deliverer-a' };
    beforeEach(async () => {
      readStore = await open();
      store = new WebhookStore(readStore);
      expect(await store.acquireLease(holder.owner, 60_000)).toBe(true);
    });
    afterEach(() => readStore.close());

    it('lists endpoints newest first, and deleting one drops its checkpoint but keeps its delivery log', async () => {
      await store.createEndpoint(endpointDoc('wh-old', '2026-01-01T00:00:00.000Z'));
      await store.createEndpoint(endpointDoc('wh-new', '2026-02-01T00:00:00.000Z'));
      expect((await store.endpoints()).map((endpoint) => endpoint.id)).toEqual(['wh-new', 'wh-old']);
      await store.record('wh-old', { deliveries: [deliveryDoc('wh-old', 5n)] }, 5n, holder);
      expect(await store.checkpoint('wh-old')).toBe(5n);
      expect(await store.deleteEndpoint('wh-old')).toBe(true);
      expect(await store.deleteEndpoint('wh-old')).toBe(false);
      expect(await store.endpoint('wh-old')).toBeNull();
      expect(await store.checkpoint('wh-old')).toBeNull();
      expect(await store.delivery('msg_wh-old_5')).not.toBeNull();
    });

    it('pages an endpoint\'s deliveries newest (latest in the log) first, positions past 2^53 included', async () => {
      const positions = [3n, 10n, 2n ** 60n, 9n, 100n, 2n ** 53n + 1n];
      await store.record('wh-1', { deliveries: positions.map((position) => deliveryDoc('wh-1', position)) }, null, holder);
      await store.record('wh-2', { deliveries: [deliveryDoc('wh-2', 50n)] }, null, holder);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await store.deliveries('wh-1', { first: 4, after });
        seen.push(...page.items.map((delivery) => delivery.position));
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      expect(seen.map(BigInt)).toEqual([...positions].sort((a, b) => (a < b ? 1 : -1)));
    });

    it('finds an endpoint\'s oldest pending delivery', async () => {
      expect(await store.oldestPending('wh-1')).toBeNull();
      await store.record('wh-1', {
        deliveries: [deliveryDoc('wh-1', 4n), deliveryDoc('wh-1', 12n, { status: 'PENDING' }), deliveryDoc('wh-1', 9n, { status: 'PENDING' }), deliveryDoc('wh-1', 7n, { status: 'FAILED' })],
      }, 4n, holder);
      await store.record('wh-2', { deliveries: [deliveryDoc('wh-2', 1n, { status: 'PENDING' })] }, null, holder);
      expect((await store.oldestPending('wh-1'))?.position).toBe(encodePosition(9n));
    });

    it('stores nothing for a writer that does not hold the lease, and the holder\'s writes after it changed hands fail too', async () => {
      const endpoint = endpointDoc('wh-1', '2026-01-01T00:00:00.000Z');
      await store.createEndpoint(endpoint);
      const write = (owner: string) => store.record('wh-1', { deliveries: [deliveryDoc('wh-1', 8n)], endpointUpdate: { failingSince: '2026-01-02T00:00:00.000Z' } }, 8n, { owner });
      await expect(write('deliverer-b')).rejects.toBeInstanceOf(LeaseLostError);
      await store.releaseLease(holder.owner);
      expect(await store.acquireLease('deliverer-b', 60_000)).toBe(true);
      await expect(write(holder.owner)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await store.delivery('msg_wh-1_8')).toBeNull();
      expect(await store.checkpoint('wh-1')).toBeNull();
      expect(await store.endpoint('wh-1')).toEqual(endpoint);
      expect(await readStore.leaseHolder(WEBHOOK_DELIVERY_LEASE)).toBe('deliverer-b');
      await write('deliverer-b');
      expect(await store.checkpoint('wh-1')).toBe(8n);
    });

    it('queues redeliveries oldest request first, each with its delivery; an attempt deletes only the requests it served', async () => {
      await store.record('wh-1', { deliveries: [deliveryDoc('wh-1', 1n), deliveryDoc('wh-1', 2n), deliveryDoc('wh-1', 3n)] }, 3n, holder);
      expect(await store.requestRedelivery('msg_wh-1_9', '2026-03-01T00:00:00.000Z')).toBeNull();
      await store.requestRedelivery('msg_wh-1_2', '2026-03-01T00:00:02.000Z');
      await store.requestRedelivery('msg_wh-1_1', '2026-03-01T00:00:01.000Z');
      const queued = await store.redeliveryRequests();
      expect(queued.map((request) => [request.deliveryId, request.webhookId, request.requestedAt, request.delivery?.id])).toEqual([
        ['msg_wh-1_1', 'wh-1', '2026-03-01T00:00:01.000Z', 'msg_wh-1_1'],
        ['msg_wh-1_2', 'wh-1', '2026-03-01T00:00:02.000Z', 'msg_wh-1_2'],
      ]);
      expect(await store.delivery('msg_wh-1_2')).toMatchObject({ redeliverRequestedAt: '2026-03-01T00:00:02.000Z' });
      // Asked again while an attempt serving the first request is under way: that attempt's write leaves the new request.
      await store.requestRedelivery('msg_wh-1_1', '2026-03-01T00:00:03.000Z');
      await store.record('wh-1', { deliveryUpdates: [{ id: 'msg_wh-1_1', set: { attempts: 2 } }], servedRequests: [queued[0].id] }, 3n, holder);
      expect((await store.redeliveryRequests()).map((request) => [request.deliveryId, request.requestedAt])).toEqual([
        ['msg_wh-1_2', '2026-03-01T00:00:02.000Z'],
        ['msg_wh-1_1', '2026-03-01T00:00:03.000Z'],
      ]);
    });

    it('lists every redelivery request, however many wait', async () => {
      await store.record('wh-1', { deliveries: [deliveryDoc('wh-1', 1n)] }, 1n, holder);
      for (let i = 0; i < 520; i++) await store.requestRedelivery('msg_wh-1_1', new Date(Date.UTC(2026, 2, 1) + i).toISOString());
      const queued = await store.redeliveryRequests();
      expect(queued).toHaveLength(520);
      expect(new Set(queued.map((request) => request.id)).size).toBe(520);
      await store.forgetRedeliveryRequest(queued[0].id);
      expect(await store.redeliveryRequests()).toHaveLength(519);
    });

    it('does not bring back an endpoint deleted while an attempt was in flight; its checkpoint can be dropped after', async () => {
      await store.createEndpoint(endpointDoc('wh-1', '2026-01-01T00:00:00.000Z'));
      await store.deleteEndpoint('wh-1');
      await store.record('wh-1', { deliveries: [deliveryDoc('wh-1', 4n)], endpointUpdate: { failingSince: null } }, 4n, holder);
      expect(await store.endpoint('wh-1')).toBeNull();
      expect(await store.endpoints()).toEqual([]);
      await store.dropCheckpoint('wh-1');
      expect(await store.checkpoint('wh-1')).toBeNull();
    });

    it('updates only the endpoint fields named', async () => {
      const endpoint = endpointDoc('wh-1', '2026-01-01T00:00:00.000Z', { description: 'ERP sync' });
      await store.createEndpoint(endpoint);
      await store.record('wh-1', { endpointUpdate: { active: false, deactivatedAt: '2026-01-06T00:00:00.000Z', deactivatedReason: 'HTTP 500' } }, null, holder);
      expect(await store.endpoint('wh-1')).toEqual({ ...endpoint, active: false, deactivatedAt: '2026-01-06T00:00:00.000Z', deactivatedReason: 'HTTP 500' });
    });
  });
};
