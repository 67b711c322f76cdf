import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { MasterKey } from '@crm/key-store';
import { newWebhookSecret, signWebhook, WebhookSecrets, webhookDeliveryId } from './webhook-secret';

describe('webhook secrets and signatures', () => {
  it('signs as Standard Webhooks verifies', () => {
    const secret = newWebhookSecret();
    const id = webhookDeliveryId('wh-1', 'event-1');
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'LeadCaptured', data: { revision: 0 } });
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('gives one delivery id per endpoint and event', () => {
    expect(webhookDeliveryId('a', 'e')).toBe(webhookDeliveryId('a', 'e'));
    expect(webhookDeliveryId('a', 'e')).not.toBe(webhookDeliveryId('b', 'e'));
    expect(webhookDeliveryId('a', 'e')).toMatch(/^msg_[0-9a-f-]{36}$/);
  });

  it('keeps a secret sealed to its webhook and its master key', () => {
    const master = new MasterKey(randomBytes(32));
    const secrets = new WebhookSecrets(master);
    const secret = newWebhookSecret();
    const sealed = secrets.seal('wh-1', secret);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(secrets.open('wh-1', sealed)).toBe(secret);
    expect(() => secrets.open('wh-2', sealed)).toThrow(/does not open/);
    expect(() => new WebhookSecrets(new MasterKey(randomBytes(32))).open('wh-1', sealed)).toThrow(/does not open/);
  });
});
