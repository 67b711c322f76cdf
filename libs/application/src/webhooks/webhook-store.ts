import { randomUUID } from 'node:crypto';
import type { Doc, JsonValue, Page, ReadStore, WriteOp } from '@crm/read-models';
import {
  WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY_LEASE, WEBHOOK_ENDPOINTS, WEBHOOK_REDELIVERY_REQUESTS, webhookCheckpointName,
  type WebhookDeliveryDoc, type WebhookEndpointDoc, type WebhookRedeliveryRequestDoc,
} from './webhook.docs';

/** A redelivery request not served yet, with its delivery as stored now (null if it is gone). */
export interface PendingRedelivery extends WebhookRedeliveryRequestDoc {
  delivery: WebhookDeliveryDoc | null;
}

/** How many documents one read of a list takes: lists of endpoints and of requests are short, but never cut. */
const LIST_PAGE = 500;

/** Who writes deliveries: the holder of the delivery lease. */
export interface DeliveryFence {
  owner: string;
}

/**
 * All persistence of webhooks, over the read-store port (so SQLite and MongoDB alike). Delivery
 * writes are fenced by the delivery lease inside the store's transaction: a deliverer that lost the
 * lease mid-attempt cannot record anything over what the new holder writes.
 */
export class WebhookStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly store: ReadStore) {}

  /** Creates the collections and their indexes once per process. */
  ensure(): Promise<void> {
    this.ready ??= (async () => {
      await this.store.ensureCollection(WEBHOOK_ENDPOINTS, [{ fields: [{ field: 'createdAt', direction: -1 }] }]);
      await this.store.ensureCollection(WEBHOOK_DELIVERIES, [
        // The delivery log of one endpoint, newest first; and its oldest pending delivery.
        { fields: [{ field: 'webhookId' }, { field: 'position', direction: -1 }] },
        { fields: [{ field: 'webhookId' }, { field: 'status' }, { field: 'position' }] },
      ]);
      await this.store.ensureCollection(WEBHOOK_REDELIVERY_REQUESTS, [{ fields: [{ field: 'requestedAt' }] }]);
    })();
    return this.ready;
  }

  async createEndpoint(endpoint: WebhookEndpointDoc): Promise<void> {
    await this.ensure();
    await this.store.writeBatch([{ kind: 'upsert', collection: WEBHOOK_ENDPOINTS, doc: endpoint }]);
  }

  async endpoint(id: string): Promise<WebhookEndpointDoc | null> {
    await this.ensure();
    return this.store.get<WebhookEndpointDoc>(WEBHOOK_ENDPOINTS, id);
  }

  /** Every endpoint, newest first (a deployment has a handful). */
  async endpoints(): Promise<WebhookEndpointDoc[]> {
    await this.ensure();
    return this.all<WebhookEndpointDoc>(WEBHOOK_ENDPOINTS, 'createdAt', 'desc');
  }

  private async all<T extends Doc>(collection: string, field: string, direction: 'asc' | 'desc'): Promise<T[]> {
    const all: T[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<T> = await this.store.find<T>(collection, { sort: [{ field, direction }], first: LIST_PAGE, after, totalCount: false });
      all.push(...page.items);
      if (!page.hasNextPage) return all;
      after = page.endCursor;
    }
  }

  /** Removes the endpoint (its sealed secret with it) and its checkpoint; its delivery log is kept for the record. */
  async deleteEndpoint(id: string): Promise<boolean> {
    await this.ensure();
    if ((await this.endpoint(id)) === null) return false;
    await this.store.writeBatch([{ kind: 'delete', collection: WEBHOOK_ENDPOINTS, id }]);
    await this.store.deleteCheckpoint(webhookCheckpointName(id));
    return true;
  }

  /** One endpoint's deliveries, newest (latest in the log) first; counted unless `totalCount: false`. */
  async deliveries(webhookId: string, paging: { first?: number | null; after?: string | null; totalCount?: boolean }): Promise<Page<WebhookDeliveryDoc>> {
    await this.ensure();
    return this.store.find<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES, {
      filter: { webhookId }, sort: [{ field: 'position', direction: 'desc' }], first: paging.first, after: paging.after, totalCount: paging.totalCount,
    });
  }

  /** How many deliveries the endpoint's log holds. */
  async deliveryCount(webhookId: string): Promise<number> {
    await this.ensure();
    return this.store.count(WEBHOOK_DELIVERIES, { webhookId });
  }

  async delivery(id: string): Promise<WebhookDeliveryDoc | null> {
    await this.ensure();
    return this.store.get<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES, id);
  }

  /** The endpoint's oldest delivery still waiting for a 2xx, if any. */
  async oldestPending(webhookId: string): Promise<WebhookDeliveryDoc | null> {
    await this.ensure();
    const page = await this.store.find<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES, {
      filter: { webhookId, status: 'PENDING' }, sort: [{ field: 'position', direction: 'asc' }], first: 1, totalCount: false,
    });
    return page.items[0] ?? null;
  }

  /** Asks the deliverer to send it again at once (`redeliverWebhookDelivery`): a request of its own, and the time noted on the delivery. */
  async requestRedelivery(id: string, at: string): Promise<WebhookDeliveryDoc | null> {
    await this.ensure();
    const delivery = await this.delivery(id);
    if (delivery === null) return null;
    const request: WebhookRedeliveryRequestDoc = { id: `${id}:${randomUUID()}`, deliveryId: id, webhookId: delivery.webhookId, requestedAt: at };
    await this.store.writeBatch([
      { kind: 'upsert', collection: WEBHOOK_REDELIVERY_REQUESTS, doc: request },
      { kind: 'patch', collection: WEBHOOK_DELIVERIES, id, set: { redeliverRequestedAt: at } },
    ]);
    return { ...delivery, redeliverRequestedAt: at };
  }

  /** Every redelivery request not served yet, oldest first, each with its delivery. */
  async redeliveryRequests(): Promise<PendingRedelivery[]> {
    await this.ensure();
    const requests = await this.all<WebhookRedeliveryRequestDoc>(WEBHOOK_REDELIVERY_REQUESTS, 'requestedAt', 'asc');
    if (requests.length === 0) return [];
    const deliveries = await this.store.getMany<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES, [...new Set(requests.map((request) => request.deliveryId))]);
    return requests.map((request) => ({ ...request, delivery: deliveries.get(request.deliveryId) ?? null }));
  }

  /** Deletes a request whose delivery is gone: there is nothing to send. */
  async forgetRedeliveryRequest(id: string): Promise<void> {
    await this.store.writeBatch([{ kind: 'delete', collection: WEBHOOK_REDELIVERY_REQUESTS, id }]);
  }

  /** The position of the last event settled for the endpoint; null when none yet. */
  async checkpoint(webhookId: string): Promise<bigint | null> {
    return (await this.store.getCheckpoint(webhookCheckpointName(webhookId)))?.position ?? null;
  }

  /**
   * Stores an attempt's outcome (deliveries and the endpoint as they now are) and the endpoint's
   * checkpoint (moved past the event when it was delivered, as it was otherwise) in one transaction,
   * only while `fence.owner` holds the delivery lease (`LeaseLostError` otherwise, nothing stored).
   * `deliveryUpdates` and `endpointUpdate` set only the fields they name, so an endpoint deleted
   * meanwhile stays deleted; `servedRequests` are the redelivery requests this attempt served, deleted
   * with it (a request made meanwhile is another, and stays).
   */
  async record(
    webhookId: string,
    changes: {
      deliveries?: readonly WebhookDeliveryDoc[];
      endpoint?: WebhookEndpointDoc;
      deliveryUpdates?: ReadonlyArray<{ id: string; set: Partial<WebhookDeliveryDoc> }>;
      endpointUpdate?: Partial<WebhookEndpointDoc>;
      servedRequests?: readonly string[];
    },
    checkpoint: bigint | null,
    fence: DeliveryFence,
  ): Promise<void> {
    await this.ensure();
    const ops: WriteOp[] = (changes.deliveries ?? []).map((doc) => ({ kind: 'upsert', collection: WEBHOOK_DELIVERIES, doc }));
    for (const { id, set } of changes.deliveryUpdates ?? []) ops.push({ kind: 'patch', collection: WEBHOOK_DELIVERIES, id, set: definedFields(set) });
    if (changes.endpoint) ops.push({ kind: 'upsert', collection: WEBHOOK_ENDPOINTS, doc: changes.endpoint });
    if (changes.endpointUpdate) ops.push({ kind: 'patch', collection: WEBHOOK_ENDPOINTS, id: webhookId, set: definedFields(changes.endpointUpdate) });
    for (const id of changes.servedRequests ?? []) ops.push({ kind: 'delete', collection: WEBHOOK_REDELIVERY_REQUESTS, id });
    await this.store.writeBatch(ops, { name: webhookCheckpointName(webhookId), position: checkpoint, fence: { lease: WEBHOOK_DELIVERY_LEASE, owner: fence.owner } });
  }

  /** Forgets a deleted endpoint's checkpoint, which a delivery recorded while it was being deleted may have written again. */
  async dropCheckpoint(webhookId: string): Promise<void> {
    await this.store.deleteCheckpoint(webhookCheckpointName(webhookId));
  }

  acquireLease(owner: string, ttlMs: number): Promise<boolean> {
    return this.store.acquireLease(WEBHOOK_DELIVERY_LEASE, owner, ttlMs);
  }

  releaseLease(owner: string): Promise<void> {
    return this.store.releaseLease(WEBHOOK_DELIVERY_LEASE, owner);
  }
}

/** A patch's fields: those given, an `undefined` one left out (a patch stores JSON). */
const definedFields = (fields: Record<string, unknown>): Record<string, JsonValue> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Record<string, JsonValue>;
