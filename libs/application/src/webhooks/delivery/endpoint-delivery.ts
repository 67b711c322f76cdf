import { WakeSignal, type EventStore, type RecordedEvent } from '@crm/event-store';
import { LeaseLostError } from '@crm/read-models';
import type { DeliveryFence, WebhookStore } from '../webhook-store';
import type { WebhookSecrets } from '../webhook-secret';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from '../webhook.docs';
import { LeaseEndingError } from './attempt-window';
import { afterHeadAttempt, afterRedelivery, dueAt, newDelivery, type Decision, type DeliveryPolicy } from './delivery-decisions';
import { LogFollower } from './log-follower';
import { OpenedSecret } from './opened-secret';
import { RedeliveryQueue, storedEventOf } from './redelivery-queue';
import { webhookBody } from './webhook-payload';
import type { AttemptResult, OutgoingWebhook } from './webhook-sender';

export interface EndpointDeliveryDeps {
  /** The log as stored: personal fields sealed. */
  events: EventStore;
  store: WebhookStore;
  secrets: WebhookSecrets;
  /** Sends one attempt; throws `LeaseEndingError`, sending nothing, when the lease is not surely held long enough. */
  send(message: OutgoingWebhook, signal: AbortSignal): Promise<AttemptResult>;
  /** True while the lease is surely held for longer than an attempt may take. */
  mayAttempt(): boolean;
  policy: DeliveryPolicy;
  fence: DeliveryFence;
  now(): number;
  onLeaseLost(): void;
  log(level: 'log' | 'warn' | 'error', message: string): void;
}

/** The endpoint's oldest unsettled event: attempted until a 2xx, while later ones wait. */
interface Head {
  event: RecordedEvent;
  body: string;
  delivery: WebhookDeliveryDoc;
  /** Already in the store (attempted before, maybe by another process): later writes patch it. */
  stored: boolean;
  /** Redelivery requests for it, taken from the queue: it is attempted at once, and that attempt's write deletes them. */
  requestIds: string[];
}

const RETRY_AFTER_ERROR_MS = 1_000;
/** How soon to look again when the lease was not held long enough to start an attempt (a renewal was late). */
const LEASE_RECHECK_MS = 100;
const IDLE_WAKE_MS = 60_000;

/**
 * Delivers one endpoint's events in log order, one at a time, while its deliverer holds the lease:
 * follows the stored log from the checkpoint, attempts the head until a 2xx (waiting out the retry
 * schedule in between), and serves redelivery requests. It is the only writer of this endpoint's
 * deliveries, checkpoint and delivery state, so it knows the checkpoint without reading it back.
 */
export class EndpointDelivery {
  private checkpoint: bigint | null = null;
  private loaded = false;
  private follower: LogFollower | null = null;
  private head: Head | null = null;
  private readonly requests = new RedeliveryQueue();
  private readonly wake = new WakeSignal();
  private readonly abort = new AbortController();
  private stopped = false;
  private readonly secret: OpenedSecret;
  private readonly loop: Promise<void>;

  constructor(private endpoint: WebhookEndpointDoc, private readonly deps: EndpointDeliveryDeps) {
    this.secret = new OpenedSecret(deps.secrets, (message) => deps.log('error', message));
    this.loop = this.run();
  }

  requestRedelivery(requestId: string, delivery: WebhookDeliveryDoc): void {
    if (this.requests.add(requestId, delivery)) this.wake.notify();
  }

  /** Ends at once: an attempt in flight is abandoned unrecorded (the next holder sends it again, under the same id). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.wake.notify();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof LeaseEndingError) {
          await this.waitForLease();
          continue;
        }
        if (error instanceof LeaseLostError) {
          this.deps.onLeaseLost();
          break;
        }
        this.deps.log('error', `Webhook ${this.endpoint.id}: ${(error as Error).message}; starting again from its checkpoint`);
        await this.unfollow();
        this.loaded = false;
        await this.wake.wait(RETRY_AFTER_ERROR_MS);
      }
    }
    await this.unfollow();
  }

  private async step(): Promise<void> {
    if (!this.loaded) {
      this.checkpoint = await this.deps.store.checkpoint(this.endpoint.id);
      this.loaded = true;
    }
    if (this.endpoint.active && this.follower === null) this.follow();
    if (!this.endpoint.active && this.follower !== null) await this.unfollow();
    const request = this.servableRequest();
    if (request !== null) return this.deps.mayAttempt() ? this.serve(request) : this.waitForLease();
    if (this.head === null && this.follower !== null) {
      const event = this.follower.take();
      if (event !== null) return this.takeHead(event);
    }
    const head = this.head;
    if (head !== null && (head.requestIds.length > 0 || dueAt(head.delivery) <= this.deps.now())) return this.deps.mayAttempt() ? this.attemptHead(head) : this.waitForLease();
    await this.wake.wait(head === null ? IDLE_WAKE_MS : Math.max(0, dueAt(head.delivery) - this.deps.now()));
  }

  /** A renewal is late: its answer, or the lease's loss, comes soon. */
  private async waitForLease(): Promise<void> {
    await this.wake.wait(LEASE_RECHECK_MS);
  }

  private follow(): void {
    const startAfter = this.endpoint.startAfter === null ? null : BigInt(this.endpoint.startAfter);
    const from = this.checkpoint === null || (startAfter !== null && startAfter > this.checkpoint) ? startAfter : this.checkpoint;
    this.follower = new LogFollower(this.deps.events, from, this.endpoint.eventTypes, () => this.wake.notify());
  }

  private async unfollow(): Promise<void> {
    const follower = this.follower;
    this.follower = null;
    if (this.head !== null) this.requests.release(this.head.requestIds);
    this.head = null;
    await follower?.close();
  }

  /** A pending delivery asked for before the log brought it back as the head waits for it, so it is attempted in order. */
  private servableRequest(): WebhookDeliveryDoc | null {
    return this.requests.next((request) => request.status === 'PENDING' && this.head === null && this.follower !== null && this.isAfterCheckpoint(request));
  }

  private isAfterCheckpoint(delivery: WebhookDeliveryDoc): boolean {
    return this.checkpoint === null || BigInt(delivery.position) > this.checkpoint;
  }

  private async takeHead(event: RecordedEvent): Promise<void> {
    const stored = await this.deps.store.delivery(newDelivery(this.endpoint.id, event, 0).id);
    const delivery = stored ?? newDelivery(this.endpoint.id, event, this.deps.now());
    this.head = { event, body: webhookBody(event), delivery, stored: stored !== null, requestIds: this.requests.take(delivery.id) };
  }

  private async attemptHead(head: Head): Promise<void> {
    const result = await this.attempt(head.delivery, head.body);
    if (this.stopped) return;
    const decision = afterHeadAttempt(head.delivery, this.endpoint, result, this.deps.now(), this.deps.policy);
    const served = head.requestIds;
    await this.write(decision, head.stored, served, decision.settlesEvent ? head.event.position : this.checkpoint);
    this.requests.markServed(served);
    head.delivery = decision.delivery;
    head.stored = true;
    head.requestIds = [];
    if (decision.settlesEvent) {
      this.checkpoint = head.event.position;
      this.head = null;
    }
    if (decision.endpoint?.active === false) {
      this.deps.log('warn', `Webhook ${this.endpoint.id} deactivated: ${decision.endpoint.deactivatedReason}`);
      await this.unfollow();
    }
  }

  /** Sends a delivery again at once, out of order; the pending head is attempted in order instead. */
  private async serve(requested: WebhookDeliveryDoc): Promise<void> {
    const requestIds = this.requests.take(requested.id);
    if (this.head?.delivery.id === requested.id) {
      this.head.requestIds.push(...requestIds);
      return;
    }
    let stored = false;
    try {
      stored = await this.redeliver(requested.id, requestIds);
    } finally {
      if (stored) this.requests.markServed(requestIds);
      else this.requests.release(requestIds);
    }
  }

  /** True when the attempt's outcome, and with it the requests' deletion, was stored. */
  private async redeliver(deliveryId: string, requestIds: readonly string[]): Promise<boolean> {
    const delivery = await this.deps.store.delivery(deliveryId);
    if (delivery === null) {
      await this.deps.store.record(this.endpoint.id, { servedRequests: requestIds }, this.checkpoint, this.deps.fence);
      return true;
    }
    const event = await storedEventOf(this.deps.events, delivery);
    const result = event === null ? { delivered: false, status: null, error: 'its event is not in the log' } : await this.attempt(delivery, webhookBody(event));
    if (this.stopped) return false;
    const decision = afterRedelivery(delivery, this.endpoint, this.checkpoint, result, this.deps.now());
    const position = BigInt(delivery.position);
    await this.write(decision, true, requestIds, decision.settlesEvent ? position : this.checkpoint);
    if (decision.settlesEvent) {
      this.checkpoint = position;
      this.deps.log('log', `Webhook ${this.endpoint.id} active again: ${delivery.id} was delivered`);
    }
    return true;
  }

  private async attempt(delivery: WebhookDeliveryDoc, body: string): Promise<AttemptResult> {
    const secret = this.secret.of(this.endpoint);
    if (secret === null) return { delivered: false, status: null, error: 'its signing secret does not open under this master key' };
    return this.deps.send({ url: this.endpoint.url, id: delivery.id, body, secret }, this.abort.signal);
  }

  /**
   * One fenced write, deleting the redelivery requests the attempt served. A stored delivery is patched
   * but for when a redelivery was last asked for, which is the registry's to write; the endpoint too,
   * so one deleted meanwhile is not brought back.
   */
  private async write(decision: Decision, stored: boolean, servedRequests: readonly string[], checkpoint: bigint | null): Promise<void> {
    const { id, redeliverRequestedAt: _askedAt, ...set } = decision.delivery;
    await this.deps.store.record(
      this.endpoint.id,
      {
        ...(stored ? { deliveryUpdates: [{ id, set }] } : { deliveries: [decision.delivery] }),
        ...(decision.endpoint === null ? {} : { endpointUpdate: decision.endpoint }),
        servedRequests,
      },
      checkpoint,
      this.deps.fence,
    );
    if (decision.endpoint !== null) this.endpoint = { ...this.endpoint, ...decision.endpoint };
  }
}
