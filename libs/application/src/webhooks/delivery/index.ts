export { WebhookDeliverer, processOwnerId, type WebhookDelivererOptions } from './webhook-deliverer';
export { loadWebhookDeliveryConfig, DEFAULT_RETRY_SCHEDULE, DEFAULT_DEACTIVATE_AFTER, DEFAULT_POLL_MS, type WebhookDeliveryConfig } from './delivery-config';
export { parseDuration, parseRetrySchedule, retryDelay } from './durations';
export { webhookPayload, webhookBody, type WebhookPayload } from './webhook-payload';
export { sendWebhook, type AttemptResult, type OutgoingWebhook, type SenderOptions } from './webhook-sender';
export { checkedTarget, systemResolver, type LookupLimits, type ResolvedAddress, type Resolver, type Target } from './target-address';
