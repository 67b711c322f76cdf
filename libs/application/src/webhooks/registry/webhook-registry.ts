import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, SingleLineText, ValidationError, type FieldError } from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { MasterKey } from '@crm/key-store';
import { MAX_PAGE_SIZE, type Page, type ReadStore } from '@crm/read-models';
import { Clock } from '../../core/clock';
import { newId } from '../../core/event-ids';
import { EVENT_STORE, READ_STORE } from '../../core/tokens';
import { newWebhookSecret, WebhookSecrets } from '../webhook-secret';
import { WebhookStore } from '../webhook-store';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from '../webhook.docs';
import { deliveryCursor, storeCursorOf } from './delivery-cursor';
import { parseWebhookEventTypes } from './webhook-event-types';
import { checkWebhookUrl, type WebhookTargetRules } from './webhook-target';

/** Injection token of the process's WebhookTargetRules (whether CRM_WEBHOOK_ALLOW_PRIVATE=1). */
export const WEBHOOK_TARGET_RULES = Symbol('WEBHOOK_TARGET_RULES');

export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 500;

export interface NewWebhook {
  url: string;
  /** Empty: every event type. */
  eventTypes: readonly string[];
  description?: string | null;
}

export interface CreatedWebhook {
  webhook: WebhookEndpointDoc;
  /** The signing secret in the clear: answered to its creator this once, kept only sealed. */
  secret: string;
}

/**
 * The admin's side of webhooks: who wants which events where. It validates and records endpoints
 * and redelivery requests; the deliverer, in the process that holds the delivery lease, does the
 * sending and everything it records.
 */
@Injectable()
export class WebhookRegistry {
  private readonly store: WebhookStore;
  private readonly secrets: WebhookSecrets;

  constructor(
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly events: Pick<EventStore, 'headPosition'>,
    masterKey: MasterKey,
    private readonly clock: Clock,
    @Inject(WEBHOOK_TARGET_RULES) private readonly targets: WebhookTargetRules,
  ) {
    this.store = new WebhookStore(readStore);
    this.secrets = new WebhookSecrets(masterKey);
  }

  /**
   * Records a new endpoint, its secret sealed, starting after the log's head now: it is sent the
   * events recorded from here on, not the history. Nothing is stored unless every field is valid.
   */
  async create(input: NewWebhook, createdBy: string): Promise<CreatedWebhook> {
    const { url, eventTypes, description } = await this.parse(input);
    const id = newId();
    const secret = newWebhookSecret();
    const head = await this.events.headPosition();
    const webhook: WebhookEndpointDoc = {
      id, url, eventTypes, description, active: true, createdAt: this.clock.now().toISOString(), createdBy,
      startAfter: head === null ? null : head.toString(), sealedSecret: this.secrets.seal(id, secret),
      failingSince: null, deactivatedAt: null, deactivatedReason: null,
    };
    await this.store.createEndpoint(webhook);
    return { webhook, secret };
  }

  /** Every endpoint, newest first. */
  list(): Promise<WebhookEndpointDoc[]> {
    return this.store.endpoints();
  }

  /** One endpoint, or null when there is none with this id. */
  find(id: string): Promise<WebhookEndpointDoc | null> {
    return this.store.endpoint(id);
  }

  async get(id: string): Promise<WebhookEndpointDoc> {
    const webhook = await this.store.endpoint(id);
    if (webhook === null) throw new NotFoundError('Webhook', id);
    return webhook;
  }

  /** Removes the endpoint with its sealed secret and its checkpoint; nothing more is sent to it. */
  async delete(id: string): Promise<void> {
    if (!(await this.store.deleteEndpoint(id))) throw new NotFoundError('Webhook', id);
  }

  /**
   * A page of the endpoint's deliveries, newest first, uncounted (`countDeliveries`); its cursors
   * are bound to this webhook (another webhook's cursor is refused on `after`).
   */
  async deliveries(webhookId: string, paging: { first?: number | null; after?: string | null }): Promise<Page<WebhookDeliveryDoc>> {
    const first = paging.first ?? undefined;
    if (first !== undefined && (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE)) {
      throw ValidationError.field('first', `must be an integer between 0 and ${MAX_PAGE_SIZE}`);
    }
    const after = paging.after === undefined || paging.after === null ? null : storeCursorOf(webhookId, paging.after);
    await this.get(webhookId);
    const page = await this.store.deliveries(webhookId, { first, after, totalCount: false });
    const bound = (cursor: string | null): string | null => (cursor === null ? null : deliveryCursor(webhookId, cursor));
    return { ...page, cursors: page.cursors.map((cursor) => deliveryCursor(webhookId, cursor)), startCursor: bound(page.startCursor), endCursor: bound(page.endCursor) };
  }

  countDeliveries(webhookId: string): Promise<number> {
    return this.store.deliveryCount(webhookId);
  }

  /** Asks the deliverer to send the delivery again at once, under its same id. */
  async redeliver(deliveryId: string): Promise<WebhookDeliveryDoc> {
    const delivery = await this.store.delivery(deliveryId);
    if (delivery === null) throw new NotFoundError('WebhookDelivery', deliveryId);
    // Kept for the record after its endpoint was deleted, but there is nowhere to send it.
    await this.get(delivery.webhookId);
    const requested = await this.store.requestRedelivery(deliveryId, this.clock.now().toISOString());
    if (requested === null) throw new NotFoundError('WebhookDelivery', deliveryId);
    return requested;
  }

  /** Every field checked, every problem reported at once. */
  private async parse(input: NewWebhook): Promise<{ url: string; eventTypes: string[]; description: string | null }> {
    const problems: FieldError[] = [];
    const checked = async <T>(check: () => T | Promise<T>): Promise<T | undefined> => {
      try {
        return await check();
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        problems.push(...error.fields);
        return undefined;
      }
    };
    const url = await checked(() => checkWebhookUrl(input.url, this.targets));
    const eventTypes = await checked(() => parseWebhookEventTypes(input.eventTypes));
    const description = await checked(() => descriptionOf(input.description));
    if (problems.length > 0 || url === undefined || eventTypes === undefined || description === undefined) throw new ValidationError(problems);
    return { url, eventTypes, description };
  }
}

/** A blank description is none. */
const descriptionOf = (raw: string | null | undefined): string | null =>
  raw === undefined || raw === null || raw.trim() === '' ? null : SingleLineText.parse(raw, 'description', MAX_WEBHOOK_DESCRIPTION_LENGTH);
