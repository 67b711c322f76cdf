import type { RecordedEvent } from '@crm/event-store';
import { encodePosition } from '@crm/read-models';
import { webhookDeliveryId } from '../webhook-secret';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from '../webhook.docs';
import { retryDelay } from './durations';
import type { AttemptResult } from './webhook-sender';

/**
 * What the deliverer decides after each attempt, as pure functions of the delivery, the endpoint,
 * the outcome and the time: what to store, and whether the endpoint's checkpoint moves.
 */
export interface DeliveryPolicy {
  retrySchedule: readonly number[];
  deactivateAfterMs: number;
}

/** The endpoint fields the deliverer keeps; an update names only those it changes. */
export type EndpointUpdate = Partial<Pick<WebhookEndpointDoc, 'active' | 'failingSince' | 'deactivatedAt' | 'deactivatedReason'>>;

export interface Decision {
  delivery: WebhookDeliveryDoc;
  /** Null when the endpoint stays as it is. */
  endpoint: EndpointUpdate | null;
  /** The checkpoint moves to the delivery's event: it is settled. */
  settlesEvent: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The delivery of `event` to the endpoint before its first attempt. */
export const newDelivery = (webhookId: string, event: RecordedEvent, nowMs: number): WebhookDeliveryDoc => ({
  id: webhookDeliveryId(webhookId, event.id),
  webhookId,
  eventId: event.id,
  eventType: event.type,
  stream: event.streamName,
  revision: event.revision,
  // Text order is log order: the read store's own encoding of checkpoint positions.
  position: encodePosition(event.position),
  status: 'PENDING',
  attempts: 0,
  createdAt: iso(nowMs),
  lastAttemptAt: null,
  nextAttemptAt: null,
  lastResponseStatus: null,
  lastError: null,
  deliveredAt: null,
  redeliverRequestedAt: null,
});

/** When the delivery at the head of its endpoint may be tried next: at once before its first attempt. */
export const dueAt = (delivery: WebhookDeliveryDoc): number => (delivery.nextAttemptAt === null ? 0 : Date.parse(delivery.nextAttemptAt));

const attempted = (delivery: WebhookDeliveryDoc, result: AttemptResult, nowMs: number): WebhookDeliveryDoc => ({
  ...delivery,
  attempts: delivery.attempts + 1,
  lastAttemptAt: iso(nowMs),
  lastResponseStatus: result.status,
  lastError: result.error,
});

/**
 * After an attempt at the endpoint's oldest unsettled event (in log order, or asked for by a
 * redelivery). A 2xx settles it and ends the endpoint's failing spell; a failure keeps it pending
 * until the schedule's next wait has passed, unless the endpoint has been failing for longer than
 * the policy allows: then the endpoint is deactivated and the delivery marked FAILED.
 */
export const afterHeadAttempt = (
  delivery: WebhookDeliveryDoc, endpoint: WebhookEndpointDoc, result: AttemptResult, nowMs: number, policy: DeliveryPolicy,
): Decision => {
  const tried = attempted(delivery, result, nowMs);
  if (result.delivered) {
    return {
      delivery: { ...tried, status: 'DELIVERED', deliveredAt: iso(nowMs), nextAttemptAt: null },
      endpoint: endpoint.failingSince === null ? null : { failingSince: null },
      settlesEvent: true,
    };
  }
  const failingSince = endpoint.failingSince ?? iso(nowMs);
  if (nowMs - Date.parse(failingSince) >= policy.deactivateAfterMs) {
    return {
      delivery: { ...tried, status: 'FAILED', nextAttemptAt: null },
      endpoint: { active: false, failingSince, deactivatedAt: iso(nowMs), deactivatedReason: `Failing since ${failingSince}; last error: ${result.error}` },
      settlesEvent: false,
    };
  }
  return {
    delivery: { ...tried, status: 'PENDING', nextAttemptAt: iso(nowMs + retryDelay(policy.retrySchedule, tried.attempts)) },
    endpoint: endpoint.failingSince === null ? { failingSince } : null,
    settlesEvent: false,
  };
};

/**
 * True when the delivery is the one a deactivation left FAILED: the endpoint's oldest unsettled
 * event. Delivering it again makes the endpoint active, and deliveries go on after it.
 */
export const isDeactivatedHead = (delivery: WebhookDeliveryDoc, endpoint: WebhookEndpointDoc, checkpoint: bigint | null): boolean =>
  !endpoint.active && delivery.status === 'FAILED' && (checkpoint === null || BigInt(delivery.position) > checkpoint);

/**
 * After a redelivery of anything but the pending head (that one is `afterHeadAttempt`): an event
 * delivered before, sent again out of order, or the FAILED head of a deactivated endpoint. The
 * checkpoint moves only in the last case, when it succeeds.
 */
export const afterRedelivery = (
  delivery: WebhookDeliveryDoc, endpoint: WebhookEndpointDoc, checkpoint: bigint | null, result: AttemptResult, nowMs: number,
): Decision => {
  const tried = attempted(delivery, result, nowMs);
  if (!result.delivered) return { delivery: tried, endpoint: null, settlesEvent: false };
  const delivered: WebhookDeliveryDoc = { ...tried, status: 'DELIVERED', deliveredAt: delivery.deliveredAt ?? iso(nowMs), nextAttemptAt: null };
  if (!isDeactivatedHead(delivery, endpoint, checkpoint)) return { delivery: delivered, endpoint: null, settlesEvent: false };
  return {
    delivery: delivered,
    endpoint: { active: true, failingSince: null, deactivatedAt: null, deactivatedReason: null },
    settlesEvent: true,
  };
};
