export * from './webhook.docs';
export { WebhookStore, type DeliveryFence, type PendingRedelivery } from './webhook-store';
export { forbiddenAddressReason, privateWebhookTargetsAllowed } from './address-policy';
export { WEBHOOK_SECRET_PREFIX, WebhookSecrets, newWebhookSecret, signWebhook, webhookDeliveryId } from './webhook-secret';
export * from './registry';
export * from './delivery';
