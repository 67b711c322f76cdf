import { ConfigError } from '../../config/crm-config';
import { privateWebhookTargetsAllowed } from '../address-policy';
import { parseDuration, parseRetrySchedule } from './durations';

/** How deliveries are retried and given up on; from the environment, checked at start-up. */
export interface WebhookDeliveryConfig {
  /** Waits after the 1st, 2nd, ... failed attempt, in ms; the last repeats (CRM_WEBHOOK_RETRY_SCHEDULE). */
  retrySchedule: readonly number[];
  /** An endpoint failing without a success for this long is deactivated (CRM_WEBHOOK_DEACTIVATE_AFTER). */
  deactivateAfterMs: number;
  /** How often the store is asked about new, deleted and deactivated endpoints and redeliveries (CRM_WEBHOOK_POLL_MS). */
  pollMs: number;
  /** Private, loopback and link-local targets allowed (CRM_WEBHOOK_ALLOW_PRIVATE=1; tests, receivers inside the deployment). */
  allowPrivate: boolean;
  /**
   * How long the delivery lease lasts unrenewed (CRM_WEBHOOK_LEASE_TTL_MS): a process that died
   * holding it is taken over from within this.
   */
  leaseTtlMs: number;
  /** One attempt's budget, lookup to answer, under a third of the lease's ttl (CRM_WEBHOOK_TIMEOUT_MS). */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h';
export const DEFAULT_DEACTIVATE_AFTER = '5d';
export const DEFAULT_POLL_MS = 1_000;
export const DEFAULT_LEASE_TTL_MS = 36_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

const orDefault = (value: string | undefined, fallback: string): string => (value === undefined || value.trim() === '' ? fallback : value);

const retrySchedule = (env: NodeJS.ProcessEnv): number[] => {
  try {
    return parseRetrySchedule(orDefault(env.CRM_WEBHOOK_RETRY_SCHEDULE, DEFAULT_RETRY_SCHEDULE));
  } catch (error) {
    throw new ConfigError('CRM_WEBHOOK_RETRY_SCHEDULE', `${(error as Error).message}; e.g. ${DEFAULT_RETRY_SCHEDULE}`);
  }
};

const deactivateAfter = (env: NodeJS.ProcessEnv): number => {
  const text = orDefault(env.CRM_WEBHOOK_DEACTIVATE_AFTER, DEFAULT_DEACTIVATE_AFTER);
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new ConfigError('CRM_WEBHOOK_DEACTIVATE_AFTER', `"${text}" is not a positive duration such as 12h or 5d`);
  return ms;
};

const pollMs = (env: NodeJS.ProcessEnv): number => {
  const text = orDefault(env.CRM_WEBHOOK_POLL_MS, String(DEFAULT_POLL_MS));
  const ms = Number(text);
  if (!/^\d+$/.test(text.trim()) || ms < 1 || ms > 60_000) throw new ConfigError('CRM_WEBHOOK_POLL_MS', `"${text}" is not a whole number of milliseconds from 1 to 60000`);
  return ms;
};

const milliseconds = (env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number): number => {
  const text = orDefault(env[variable], String(fallback)).trim();
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < min || ms > 600_000) throw new ConfigError(variable, `"${text}" is not a whole number of milliseconds from ${min} to 600000`);
  return ms;
};

/** The lease and the attempt's budget, checked together: the deliverer starts an attempt only while its lease surely outlasts it. */
const leaseAndTimeout = (env: NodeJS.ProcessEnv): Pick<WebhookDeliveryConfig, 'leaseTtlMs' | 'attemptTimeoutMs'> => {
  const leaseTtlMs = milliseconds(env, 'CRM_WEBHOOK_LEASE_TTL_MS', DEFAULT_LEASE_TTL_MS, 300);
  const attemptTimeoutMs = milliseconds(env, 'CRM_WEBHOOK_TIMEOUT_MS', DEFAULT_ATTEMPT_TIMEOUT_MS, 1);
  if (attemptTimeoutMs * 3 >= leaseTtlMs) {
    throw new ConfigError('CRM_WEBHOOK_TIMEOUT_MS', `${attemptTimeoutMs} ms must be under a third of the delivery lease's ttl (CRM_WEBHOOK_LEASE_TTL_MS, ${leaseTtlMs} ms)`);
  }
  return { leaseTtlMs, attemptTimeoutMs };
};

/** Reads and checks every webhook delivery setting: a value that cannot work is a `ConfigError` naming its variable. */
export const loadWebhookDeliveryConfig = (env: NodeJS.ProcessEnv = process.env): WebhookDeliveryConfig => ({
  retrySchedule: retrySchedule(env),
  deactivateAfterMs: deactivateAfter(env),
  pollMs: pollMs(env),
  allowPrivate: privateWebhookTargetsAllowed(env),
  ...leaseAndTimeout(env),
});
