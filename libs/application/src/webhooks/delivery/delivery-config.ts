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
}

export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h';
export const DEFAULT_DEACTIVATE_AFTER = '5d';
export const DEFAULT_POLL_MS = 1_000;

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

/** Reads and checks every webhook delivery setting: a value that cannot work is a `ConfigError` naming its variable. */
export const loadWebhookDeliveryConfig = (env: NodeJS.ProcessEnv = process.env): WebhookDeliveryConfig => ({
  retrySchedule: retrySchedule(env),
  deactivateAfterMs: deactivateAfter(env),
  pollMs: pollMs(env),
  allowPrivate: privateWebhookTargetsAllowed(env),
});
