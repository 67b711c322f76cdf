import type { RecordedEvent } from '@crm/event-store';
import { encodePosition } from '@crm/read-models';
import { webhookDeliveryId } from '../webhook-secret';
import type { WebhookEndpointDoc } from '../webhook.docs';
import { afterHeadAttempt, afterRedelivery, dueAt, isDeactivatedHead, newDelivery, type DeliveryPolicy } from './delivery-decisions';
import type { AttemptResult } from './webhook-sender';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const MINUTE = 60_000;
const policy: DeliveryPolicy = { retrySchedule: [5_000, 5 * MINUTE, 30 * MINUTE], deactivateAfterMs: 60 * MINUTE };
const ok: AttemptResult = { delivered: true, status: 204, error: null };
const refused: AttemptResult = { delivered: false, status: 503, error: 'HTTP 503: busy' };
const iso = (ms: number): string => new Date(ms).toISOString();

const endpoint = (over: Partial<WebhookEndpointDoc> = {}): WebhookEndpointDoc => ({
  id: 'wh-1', url: 'https://hooks.example/crm', eventTypes: [], description: null, active: true, createdAt: iso(T0 - MINUTE), createdBy: 'admin-1',
  startAfter: null, sealedSecret: 'c2VhbGVk', failingSince: null, deactivatedAt: null, deactivatedReason: null, ...over,
});
const event = { id: 'e-7', type: 'LeadQualified', streamName: 'lead-1', revision: 2, position: 1234n, data: {}, metadata: {} } as unknown as RecordedEvent;
const fresh = () => newDelivery('wh-1', event, T0);

describe('webhook delivery decisions', () => {
  it('makes a delivery due at once, under the id every attempt of it carries, positioned for text order', () => {
    const delivery = fresh();
    expect(delivery).toMatchObject({ id: webhookDeliveryId('wh-1', 'e-7'), status: 'PENDING', attempts: 0, position: '00000000000000001234', createdAt: iso(T0) });
    expect(dueAt(delivery)).toBeLessThanOrEqual(T0);
    expect(encodePosition(99n) < encodePosition(100n)).toBe(true);
  });

  it('settles the event on a 2xx and ends the endpoint\'s failing spell', () => {
    const decision = afterHeadAttempt(fresh(), endpoint({ failingSince: iso(T0 - MINUTE) }), ok, T0, policy);
    expect(decision.settlesEvent).toBe(true);
    expect(decision.endpoint).toEqual({ failingSince: null });
    expect(decision.delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, deliveredAt: iso(T0), lastResponseStatus: 204, lastError: null, nextAttemptAt: null });
    expect(afterHeadAttempt(fresh(), endpoint(), ok, T0, policy).endpoint).toBeNull();
  });

  it('keeps a failed delivery pending until the next wait of the schedule, the last wait repeating', () => {
    let delivery = fresh();
    let hook = endpoint();
    const waits: number[] = [];
    for (let attempt = 0, now = T0; attempt < 5; attempt++) {
      const decision = afterHeadAttempt(delivery, hook, refused, now, { ...policy, deactivateAfterMs: 24 * 60 * MINUTE });
      expect(decision.settlesEvent).toBe(false);
      expect(decision.delivery).toMatchObject({ status: 'PENDING', attempts: attempt + 1, lastResponseStatus: 503, lastError: 'HTTP 503: busy' });
      waits.push(dueAt(decision.delivery) - now);
      hook = { ...hook, ...decision.endpoint };
      delivery = decision.delivery;
      now = dueAt(delivery);
    }
    expect(waits).toEqual([5_000, 5 * MINUTE, 30 * MINUTE, 30 * MINUTE, 30 * MINUTE]);
    expect(hook.failingSince).toBe(iso(T0));
  });

  it('marks when an endpoint began failing once, and keeps it while it goes on failing', () => {
    expect(afterHeadAttempt(fresh(), endpoint(), refused, T0, policy).endpoint).toEqual({ failingSince: iso(T0) });
    expect(afterHeadAttempt(fresh(), endpoint({ failingSince: iso(T0 - MINUTE) }), refused, T0, policy).endpoint).toBeNull();
  });

  it('deactivates an endpoint failing for longer than allowed, naming the last error, and fails its delivery', () => {
    const since = iso(T0 - 60 * MINUTE);
    const decision = afterHeadAttempt({ ...fresh(), attempts: 6 }, endpoint({ failingSince: since }), refused, T0, policy);
    expect(decision.settlesEvent).toBe(false);
    expect(decision.delivery).toMatchObject({ status: 'FAILED', attempts: 7, nextAttemptAt: null });
    expect(decision.endpoint).toEqual({ active: false, failingSince: since, deactivatedAt: iso(T0), deactivatedReason: `Failing since ${since}; last error: HTTP 503: busy` });
    expect(afterHeadAttempt(fresh(), endpoint({ failingSince: iso(T0 - 59 * MINUTE) }), refused, T0, policy).delivery.status).toBe('PENDING');
  });

  it('leaves when a redelivery was last asked for as it was: the registry writes it, the requests are documents of their own', () => {
    const asked = { ...fresh(), redeliverRequestedAt: iso(T0 - MINUTE) };
    expect(afterHeadAttempt(asked, endpoint(), refused, T0, policy).delivery.redeliverRequestedAt).toBe(iso(T0 - MINUTE));
    expect(afterRedelivery(asked, endpoint(), null, ok, T0).delivery.redeliverRequestedAt).toBe(iso(T0 - MINUTE));
  });

  it('sends an event delivered before again without moving the checkpoint, whatever the answer', () => {
    const delivered = { ...fresh(), status: 'DELIVERED' as const, attempts: 1, deliveredAt: iso(T0 - MINUTE), redeliverRequestedAt: iso(T0) };
    const again = afterRedelivery(delivered, endpoint(), 5000n, ok, T0);
    expect(again).toMatchObject({ settlesEvent: false, endpoint: null, delivery: { status: 'DELIVERED', attempts: 2, deliveredAt: iso(T0 - MINUTE) } });
    const failed = afterRedelivery(delivered, endpoint(), 5000n, refused, T0);
    expect(failed).toMatchObject({ settlesEvent: false, endpoint: null, delivery: { status: 'DELIVERED', attempts: 2, lastError: 'HTTP 503: busy' } });
  });

  it('makes a deactivated endpoint active again when its FAILED head is delivered, and goes on after it', () => {
    const deactivated = endpoint({ active: false, failingSince: iso(T0 - 90 * MINUTE), deactivatedAt: iso(T0 - 30 * MINUTE), deactivatedReason: 'Failing since ...' });
    const head = { ...fresh(), status: 'FAILED' as const, attempts: 7, redeliverRequestedAt: iso(T0) };
    expect(isDeactivatedHead(head, deactivated, 1000n)).toBe(true);
    expect(isDeactivatedHead(head, deactivated, null)).toBe(true);
    expect(isDeactivatedHead(head, deactivated, 1234n)).toBe(false);
    expect(isDeactivatedHead(head, endpoint(), 1000n)).toBe(false);
    const decision = afterRedelivery(head, deactivated, 1000n, ok, T0);
    expect(decision).toMatchObject({ settlesEvent: true, delivery: { status: 'DELIVERED', attempts: 8, deliveredAt: iso(T0) } });
    expect(decision.endpoint).toEqual({ active: true, failingSince: null, deactivatedAt: null, deactivatedReason: null });
    const stillFailing = afterRedelivery(head, deactivated, 1000n, refused, T0);
    expect(stillFailing).toMatchObject({ settlesEvent: false, endpoint: null, delivery: { status: 'FAILED', attempts: 8 } });
  });
});
