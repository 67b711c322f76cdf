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
}

export const DEFAULT_PROJECTOR_LEASE_TTL_MS = 15_000;
const DEFAULT_CROSS_PROCESS_POLL_MS = 1_000;

const milliseconds = (env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number => {
  const text = env[variable]?.trim() || String(fallback);
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < min || ms > max) throw new ConfigError(variable, `"${text}" is not a whole number of milliseconds from ${min} to ${max}`);
  return ms;
};

export const loadScaledConfig = (env: NodeJS.ProcessEnv = process.env): ScaledConfig => {
  return {
    leaseTtlMs: milliseconds(env, 'CRM_PROJECTOR_LEASE_TTL_MS', DEFAULT_PROJECTOR_LEASE_TTL_MS, 300, 600_000),
    crossProcessPollMs: milliseconds(env, 'CRM_CROSS_PROCESS_POLL_MS', DEFAULT_CROSS_PROCESS_POLL_MS, 10, 600_000),
  };
};
