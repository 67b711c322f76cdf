import type { Doc } from '@crm/read-models';

/**
 * Webhooks are operational state kept in the read store beside the projections' checkpoints and
 * leases: no projection owns these collections and no rebuild touches them. The log stays the
 * outbox; these say who wants which events and how far each endpoint got.
 */
export const WEBHOOK_ENDPOINTS = 'webhook_endpoints';
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
/** Held by the one process that delivers; every delivery write is fenced by it. */
export const WEBHOOK_DELIVERY_LEASE = 'webhook-delivery';

/** The last event settled for an endpoint (delivered, or passed over by its filter). */
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
  /** The event's log position, zero-padded to 20 digits so text order is log order (`encodePosition`). */
  position: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  /** Set by `redeliverWebhookDelivery`, cleared by the attempt it asked for. */
  redeliverRequestedAt: string | null;
}
