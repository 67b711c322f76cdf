import type { EventStore, RecordedEvent } from '@crm/event-store';
import type { WebhookDeliveryDoc } from '../webhook.docs';

/** Requests remembered as served, by id and time asked: a poll that read one before its clearing was stored does not queue it again. */
const SERVED_KEPT = 1_000;

/** One endpoint's redelivery requests, in the order they were noticed, each served once per time it was asked. */
export class RedeliveryQueue {
  private readonly waiting = new Map<string, WebhookDeliveryDoc>();
  private readonly served = new Map<string, string | null>();

  /** True when the request is new (not waiting, not served already). */
  add(request: WebhookDeliveryDoc): boolean {
    if (this.waiting.has(request.id) || this.served.get(request.id) === request.redeliverRequestedAt) return false;
    this.waiting.set(request.id, request);
    return true;
  }

  /** The first waiting request `skip` does not hold back. */
  next(skip: (request: WebhookDeliveryDoc) => boolean): WebhookDeliveryDoc | null {
    for (const request of this.waiting.values()) if (!skip(request)) return request;
    return null;
  }

  /** Takes the request for this delivery, if one waits, as served. */
  take(id: string): WebhookDeliveryDoc | undefined {
    const request = this.waiting.get(id);
    if (request === undefined) return undefined;
    this.waiting.delete(id);
    this.served.delete(id);
    this.served.set(id, request.redeliverRequestedAt);
    if (this.served.size > SERVED_KEPT) this.served.delete(this.served.keys().next().value!);
    return request;
  }
}

/** The event a delivery was made of, read again from the stored log; null when it is not there. */
export const storedEventOf = async (events: EventStore, delivery: WebhookDeliveryDoc): Promise<RecordedEvent | null> => {
  for await (const event of events.readStream(delivery.stream, { fromRevision: delivery.revision, maxCount: 1 })) {
    return event.id === delivery.eventId ? event : null;
  }
  return null;
};
