import type { EventStore, RecordedEvent } from '@crm/event-store';
import type { WebhookDeliveryDoc } from '../webhook.docs';

/** Requests remembered as served once their write was stored: a poll that read them before does not queue them again. */
const SERVED_KEPT = 1_000;

interface Waiting {
  /** As last read with a request for it. */
  delivery: WebhookDeliveryDoc;
  requestIds: Set<string>;
}

/**
 * One endpoint's redelivery requests, by delivery in the order they were noticed. A request is served
 * once: taken by an attempt, it is not queued again while that attempt runs; it counts as served only
 * when the attempt's write (which deletes it) was stored, and is released to be queued again by the
 * next poll if that write never was.
 */
export class RedeliveryQueue {
  private readonly waiting = new Map<string, Waiting>();
  private readonly taken = new Set<string>();
  private readonly served = new Set<string>();

  /** True when the request is new (not waiting, not being served, not served already). */
  add(requestId: string, delivery: WebhookDeliveryDoc): boolean {
    if (this.taken.has(requestId) || this.served.has(requestId)) return false;
    const waiting = this.waiting.get(delivery.id);
    if (waiting === undefined) {
      this.waiting.set(delivery.id, { delivery, requestIds: new Set([requestId]) });
      return true;
    }
    if (waiting.requestIds.has(requestId)) return false;
    waiting.requestIds.add(requestId);
    waiting.delivery = delivery;
    return true;
  }

  /** The delivery of the first waiting request `skip` does not hold back. */
  next(skip: (delivery: WebhookDeliveryDoc) => boolean): WebhookDeliveryDoc | null {
    for (const { delivery } of this.waiting.values()) if (!skip(delivery)) return delivery;
    return null;
  }

  /** Takes every request waiting for this delivery, to be served by one attempt; none when none waits. */
  take(deliveryId: string): string[] {
    const waiting = this.waiting.get(deliveryId);
    if (waiting === undefined) return [];
    this.waiting.delete(deliveryId);
    for (const id of waiting.requestIds) this.taken.add(id);
    return [...waiting.requestIds];
  }

  /** The write that deleted these requests was stored. */
  markServed(requestIds: readonly string[]): void {
    for (const id of requestIds) {
      this.taken.delete(id);
      this.served.add(id);
    }
    for (const id of this.served) {
      if (this.served.size <= SERVED_KEPT) break;
      this.served.delete(id);
    }
  }

  /** Their attempt ended with nothing stored: the next poll, which still finds them, queues them again. */
  release(requestIds: readonly string[]): void {
    for (const id of requestIds) this.taken.delete(id);
  }
}

/** The event a delivery was made of, read again from the stored log; null when it is not there. */
export const storedEventOf = async (events: EventStore, delivery: WebhookDeliveryDoc): Promise<RecordedEvent | null> => {
  for await (const event of events.readStream(delivery.stream, { fromRevision: delivery.revision, maxCount: 1 })) {
    return event.id === delivery.eventId ? event : null;
  }
  return null;
};
