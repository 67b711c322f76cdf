import { createHmac, randomBytes } from 'node:crypto';
import type { MasterKey } from '@crm/key-store';
import { deterministicUuid } from '../core/event-ids';

/** Standard Webhooks' secret format: the prefix, then the signing key's bytes in base64. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret, shown to its creator once and then kept only sealed. */
export const newWebhookSecret = (): string => WEBHOOK_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');

const signingKey = (secret: string): Buffer => Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');

/**
 * `webhook-signature` per Standard Webhooks: `v1,` and the base64 HMAC-SHA256, under the secret's
 * key, of `<webhook-id>.<webhook-timestamp>.<body>` (the body exactly as sent).
 */
export const signWebhook = (secret: string, id: string, timestampSeconds: number, body: string): string =>
  `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;

/** The same for every attempt of one event to one endpoint, and after a restart: receivers deduplicate on it. */
export const webhookDeliveryId = (webhookId: string, eventId: string): string => `msg_${deterministicUuid('webhook delivery', webhookId, eventId)}`;

/** Signing secrets are sealed under the master key with the webhook's id bound to them, never kept in the clear. */
export class WebhookSecrets {
  constructor(private readonly masterKey: MasterKey) {}

  seal(webhookId: string, secret: string): string {
    return this.masterKey.sealSecret(webhookId, Buffer.from(secret, 'utf8')).toString('base64');
  }

  open(webhookId: string, sealed: string): string {
    return this.masterKey.openSecret(webhookId, Buffer.from(sealed, 'base64')).toString('utf8');
  }
}
