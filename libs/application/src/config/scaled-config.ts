import { ConfigError } from './crm-config';

/** How the scaled processes (apps/api and apps/projector sharing one data folder) hear of each other. */
export interface ScaledConfig {
  /** How long a projection's lease lasts unrenewed: a killed projector's work is taken over within it (CRM_PROJECTOR_LEASE_TTL_MS). */
  leaseTtlMs: number;
  /**
   * The safety-net poll for other processes' news on the embedded stores, which signal it at once
   * (CRM_CROSS_PROCESS_POLL_MS): new events for the projector, stored batches for the API's reads.
   */
  crossProcessPollMs: number;
  /** How long the webhook delivery lease lasts unrenewed (CRM_WEBHOOK_LEASE_TTL_MS, default 36 s). */
  webhookLeaseTtlMs: number;
  /** How long one webhook attempt may take, under a third of that ttl (CRM_WEBHOOK_TIMEOUT_MS, default 10 s). */
  webhookTimeoutMs: number;
}

export const DEFAULT_PROJECTOR_LEASE_TTL_MS = 15_000;
const DEFAULT_CROSS_PROCESS_POLL_MS = 1_000;
/** The deliverer's own defaults (see WebhookDeliverer). */
const DEFAULT_WEBHOOK_LEASE_TTL_MS = 36_000;
const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

const milliseconds = (env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number => {
  const text = env[variable]?.trim() || String(fallback);
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < min || ms > max) throw new ConfigError(variable, `"${text}" is not a whole number of milliseconds from ${min} to ${max}`);
  return ms;
};

export const loadScaledConfig = (env: NodeJS.ProcessEnv = process.env): ScaledConfig => {
  const webhookLeaseTtlMs = milliseconds(env, 'CRM_WEBHOOK_LEASE_TTL_MS', DEFAULT_WEBHOOK_LEASE_TTL_MS, 300, 600_000);
  const webhookTimeoutMs = milliseconds(env, 'CRM_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_TIMEOUT_MS, 1, 600_000);
  // The deliverer sends only while its lease surely outlasts the attempt: a longer attempt could never start.
  if (webhookTimeoutMs * 3 >= webhookLeaseTtlMs) {
    throw new ConfigError('CRM_WEBHOOK_TIMEOUT_MS', `${webhookTimeoutMs} ms must be under a third of the delivery lease's ttl (CRM_WEBHOOK_LEASE_TTL_MS, ${webhookLeaseTtlMs} ms)`);
  }
  return {
    leaseTtlMs: milliseconds(env, 'CRM_PROJECTOR_LEASE_TTL_MS', DEFAULT_PROJECTOR_LEASE_TTL_MS, 300, 600_000),
    crossProcessPollMs: milliseconds(env, 'CRM_CROSS_PROCESS_POLL_MS', DEFAULT_CROSS_PROCESS_POLL_MS, 10, 600_000),
    webhookLeaseTtlMs,
    webhookTimeoutMs,
  };
};
