import type { Doc } from '@crm/read-models';

/**
 * Webhooks are operational state kept in the read store beside the projections' checkpoints and
 * leases: no projection owns these collections and no rebuild touches them. The log stays the
 * outbox; these say who wants which events and how far each endpoint got.
 */
export const WEBHOOK_ENDPOINTS = 'webhook_endpoints';
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
/** Redeliveries asked for and not served yet: one document per request. */
export const WEBHOOK_REDELIVERY_REQUESTS = 'webhook_redelivery_requests';
/** Held by the one process that delivers; every delivery write is fenced by it. */
export const WEBHOOK_DELIVERY_LEASE = 'webhook-delivery';

/**
 * The last event settled for an endpoint: its 2xx was recorded (or its redelivery made a deactivated
 * endpoint active again). Events its filter skips do not move it: the log's subscription, filtered by
 * event type, never shows them to the deliverer, so an endpoint whose event types are rare keeps its
 * checkpoint at the last one delivered.
 */
export const webhookCheckpointName = (webhookId: string): string => `webhook:${webhookId}`;

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookEndpointDoc extends Doc {
  id: string;
  url: string;
  /** Event types delivered; empty: every event type. */
  eventTypes: string[];
  description: string | null;
  active: boolean;
  createdAt: string;
  /** Who made it (the token's subject). */
  createdBy: string;
  /** The log's head when it was made (decimal; null for an empty log): deliveries begin after it. */
  startAfter: string | null;
  /** The signing secret sealed under the master key (`WebhookSecrets.seal`), base64. */
  sealedSecret: string;
  /** Since when its oldest pending delivery has failed without a success since; null when not failing. */
  failingSince: string | null;
  deactivatedAt: string | null;
  deactivatedReason: string | null;
}

export interface WebhookDeliveryDoc extends Doc {
  /** The `webhook-id` header: the same on every attempt of this event to this endpoint (`webhookDeliveryId`). */
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  stream: string;
  revision: number;
  /** The event's log position, zero-padded to 20 digits so text order is log order (`encodePosition` of @crm/read-models). */
  position: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  /**
   * When a redelivery of it was last asked for (`redeliverWebhookDelivery`), kept for the record; the
   * request itself waits in `webhook_redelivery_requests` until an attempt serves it.
   */
  redeliverRequestedAt: string | null;
}

/**
 * A redelivery asked for and not served yet, one document per request (its id is new each time). The
 * attempt that serves requests deletes exactly those it read, in its own fenced write: a request made
 * while that attempt was under way is another document, left to be served next, and one whose serving
 * write was not stored is still there to be served again.
 */
export interface WebhookRedeliveryRequestDoc extends Doc {
  id: string;
  deliveryId: string;
  webhookId: string;
  requestedAt: string;
}
