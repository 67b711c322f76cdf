import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { WakeSignal, type EventStore } from '@crm/event-store';
import type { MasterKey } from '@crm/key-store';
import { LeaseKeeper, LeaseLostError, type ReadStore } from '@crm/read-models';
import { WebhookSecrets } from '../webhook-secret';
import { WebhookStore, type PendingRedelivery } from '../webhook-store';
import { WEBHOOK_DELIVERY_LEASE } from '../webhook.docs';
import { loadWebhookDeliveryConfig, type WebhookDeliveryConfig } from './delivery-config';
import { AttemptWindow } from './attempt-window';
import { EndpointDelivery, type EndpointDeliveryDeps } from './endpoint-delivery';
import { RequestSlots } from './request-slots';
import { systemResolver, type Resolver } from './target-address';
import { sendWebhook } from './webhook-sender';

export interface WebhookDelivererOptions {
  /** Who holds the lease; unique per process (default `hostname:pid:random`). */
  owner?: string;
  /** How long the lease lasts unrenewed (default the config's; renewed every third of it). */
  leaseTtlMs?: number;
  /** How long one attempt may take, resolving the host to the end of the response (default the config's; under a third of the lease's ttl). */
  timeoutMs?: number;
  /** Requests in flight at once, over every endpoint (default 32). */
  maxConcurrentRequests?: number;
  /** How host names are resolved at each attempt (default node:dns lookup). */
  resolve?: Resolver;
  now?: () => number;
  /** Retries, deactivation, polling and private targets; default read from `env` (a bad value throws a ConfigError). */
  config?: WebhookDeliveryConfig;
  env?: NodeJS.ProcessEnv;
  log?: (level: 'log' | 'warn' | 'error', message: string) => void;
}

/** A process's own lease owner: two processes, or two deliverers in one, never share it. */
export const processOwnerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Delivers webhooks while it holds the `webhook-delivery` lease, so one process in a deployment
 * sends and every write is fenced by it. It asks the store every `pollMs` for endpoints made or
 * deleted and for redelivery requests, and runs one `EndpointDelivery` per endpoint:
 * endpoints are independent, and together bounded in requests in flight. Losing the lease stops
 * every endpoint at once; the others in standby take it over when it expires.
 */
export class WebhookDeliverer {
  readonly owner: string;
  readonly config: WebhookDeliveryConfig;
  private readonly store: WebhookStore;
  private readonly lease: LeaseKeeper;
  private readonly deps: EndpointDeliveryDeps;
  private readonly endpoints = new Map<string, EndpointDelivery>();
  private readonly wake = new WakeSignal();
  private readonly standbyMs: number;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private stoppingEndpoints: Promise<void> = Promise.resolve();

  constructor(events: EventStore, readStore: ReadStore, masterKey: MasterKey, options: WebhookDelivererOptions = {}) {
    this.config = options.config ?? loadWebhookDeliveryConfig(options.env ?? process.env);
    this.owner = options.owner ?? processOwnerId();
    const leaseTtlMs = options.leaseTtlMs ?? this.config.leaseTtlMs;
    const timeoutMs = options.timeoutMs ?? this.config.attemptTimeoutMs;
    this.standbyMs = Math.min(this.config.pollMs, Math.floor(leaseTtlMs / 3));
    this.store = new WebhookStore(readStore);
    const logger = new Logger('Webhooks');
    const log = options.log ?? ((level, message) => logger[level](message));
    this.lease = new LeaseKeeper(readStore, WEBHOOK_DELIVERY_LEASE, this.owner, leaseTtlMs, () => this.leaseLost('it could not be renewed in time'));
    const window = new AttemptWindow(this.lease, timeoutMs, leaseTtlMs);
    const slots = new RequestSlots(options.maxConcurrentRequests ?? 32);
    const now = options.now ?? Date.now;
    const sender = { timeoutMs, allowPrivate: this.config.allowPrivate, resolve: options.resolve ?? systemResolver, now };
    this.deps = {
      events,
      store: this.store,
      secrets: new WebhookSecrets(masterKey),
      // Checked again once a slot is free: waiting for one may have taken most of what was left of the lease.
      send: (message, signal) => slots.run(async () => {
        window.check();
        return sendWebhook(message, { ...sender, signal });
      }),
      mayAttempt: () => window.open,
      policy: this.config,
      fence: { owner: this.owner },
      now,
      onLeaseLost: () => this.leaseLost('another process holds it'),
      log,
    };
  }

  /** True while this deliverer holds the lease (and so sends). */
  get isDelivering(): boolean {
    return this.lease.isHeld;
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  /** Ends every endpoint's attempt at once, then gives the lease up so another process takes over without waiting. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.notify();
    await this.loop;
    this.loop = null;
    await this.stopEndpoints();
    await this.lease.release();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.stoppingEndpoints;
        if (this.lease.isHeld || (await this.takeLease())) await this.poll();
      } catch (error) {
        if (error instanceof LeaseLostError) this.leaseLost('another process holds it');
        else if (!this.stopping) this.deps.log('error', `Webhook delivery: ${(error as Error).message}`);
      }
      if (!this.stopping) await this.wake.wait(this.lease.isHeld ? this.config.pollMs : await this.standbyWaitMs());
    }
  }

  /** In standby: until the holder's lease expires (so a dead holder's is taken within its ttl), at most `standbyMs`. */
  private async standbyWaitMs(): Promise<number> {
    return Math.min(this.standbyMs, await this.lease.msUntilTakeable().catch(() => this.standbyMs));
  }

  private async takeLease(): Promise<boolean> {
    const taken = await this.lease.acquire();
    if (taken) this.deps.log('log', `Delivering webhooks (${WEBHOOK_DELIVERY_LEASE} lease held by ${this.owner})`);
    return taken;
  }

  /** Still delivering: not stopping, the lease held. Asked again after every wait, as the lease may have been lost meanwhile. */
  private delivering(): boolean {
    return !this.stopping && this.lease.isHeld;
  }

  /**
   * Endpoints made or deleted since the last look, and redeliveries asked for. A running endpoint is
   * left alone: no API changes its URL, filter or secret, and whether it is active and failing is its
   * own loop's to keep.
   */
  private async poll(): Promise<void> {
    const current = await this.store.endpoints();
    if (!this.delivering()) return;
    const ids = new Set(current.map((endpoint) => endpoint.id));
    for (const endpoint of current) {
      if (!this.endpoints.has(endpoint.id)) this.endpoints.set(endpoint.id, new EndpointDelivery(endpoint, this.deps));
    }
    for (const [id, running] of this.endpoints) {
      if (ids.has(id)) continue;
      this.endpoints.delete(id);
      await running.stop();
      if (!this.delivering()) return;
      await this.store.dropCheckpoint(id);
      if (!this.delivering()) return;
    }
    // Every request, not the oldest few: one that cannot be served yet holds up no later one.
    const requests = await this.store.redeliveryRequests();
    for (const request of requests) {
      if (!this.delivering()) return;
      const running = this.endpoints.get(request.webhookId);
      if (request.delivery === null) await this.store.forgetRedeliveryRequest(request.id);
      else if (running) running.requestRedelivery(request.id, request.delivery);
      else await this.dropRequestOfDeleted(request);
    }
  }

  /** Its webhook was deleted, secret and all: nothing can be sent, and the request must not stay in the queue. */
  private async dropRequestOfDeleted(request: PendingRedelivery): Promise<void> {
    const set = { lastError: 'Not sent again: its webhook was deleted' };
    await this.store.record(request.webhookId, { deliveryUpdates: [{ id: request.deliveryId, set }], servedRequests: [request.id] }, null, this.deps.fence);
    await this.store.dropCheckpoint(request.webhookId);
  }

  private leaseLost(why: string): void {
    if (this.endpoints.size === 0 && !this.lease.isHeld) return;
    this.deps.log('warn', `Webhook delivery stopped: the ${WEBHOOK_DELIVERY_LEASE} lease was lost (${why})`);
    const release = this.lease.release();
    this.stoppingEndpoints = Promise.all([release, this.stopEndpoints()]).then(() => undefined);
  }

  private async stopEndpoints(): Promise<void> {
    const running = [...this.endpoints.values()];
    this.endpoints.clear();
    await Promise.all(running.map((endpoint) => endpoint.stop()));
  }
}
