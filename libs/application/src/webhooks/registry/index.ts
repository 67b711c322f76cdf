export { WebhookRegistry, WEBHOOK_TARGET_RULES, MAX_WEBHOOK_DESCRIPTION_LENGTH, type CreatedWebhook, type NewWebhook } from './webhook-registry';
export { WEBHOOK_EVENT_TYPES, parseWebhookEventTypes } from './webhook-event-types';
export { checkWebhookUrl, MAX_WEBHOOK_URL_LENGTH, type WebhookTargetRules } from './webhook-target';
