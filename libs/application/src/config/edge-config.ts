import { DEFAULT_CLOCK_TOLERANCE_SECONDS, type TokenPolicy } from '../security/jwt-token';

/** What the HTTP edge is configured with: who may call it from a browser, and what a token must say. */
export interface EdgeConfig {
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins: readonly string[];
  tokenPolicy: TokenPolicy;
  /** Most changes one subscription may have waiting before it is cut off as too slow (CRM_LIVE_MAX_QUEUED). */
  liveMaxQueued: number;
}

export const DEFAULT_LIVE_MAX_QUEUED = 1_000;
const MAX_LIVE_MAX_QUEUED = 100_000;

const MAX_CLOCK_TOLERANCE_SECONDS = 300;

/** Reports a setting that cannot work, naming the variable (ConfigError, thrown by the caller). */
export type Refuse = (variable: string, problem: string) => never;

export const loadEdgeConfig = (env: NodeJS.ProcessEnv, refuse: Refuse): EdgeConfig => ({
  corsOrigins: corsOrigins(env.CRM_CORS_ORIGINS, refuse),
  tokenPolicy: {
    issuer: nonEmpty(env.CRM_JWT_ISSUER),
    audience: nonEmpty(env.CRM_JWT_AUDIENCE),
    clockToleranceSeconds: clockTolerance(env.CRM_JWT_CLOCK_TOLERANCE, refuse),
  },
  liveMaxQueued: liveMaxQueued(env.CRM_LIVE_MAX_QUEUED, refuse),
});

const nonEmpty = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Comma-separated origins such as `https://crm.example.nl`: scheme, host and port, nothing else, no wildcard. */
const corsOrigins = (raw: string | undefined, refuse: Refuse): string[] =>
  (raw ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => (isOrigin(origin) ? origin : refuse('CRM_CORS_ORIGINS', `"${origin}" is not an origin such as https://crm.example.nl (scheme, host and port only)`)));

const isOrigin = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
};

const clockTolerance = (raw: string | undefined, refuse: Refuse): number => {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    return refuse('CRM_JWT_CLOCK_TOLERANCE', `must be a whole number of seconds from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  return seconds;
};

const liveMaxQueued = (raw: string | undefined, refuse: Refuse): number => {
  if (raw === undefined || raw.trim() === '') return DEFAULT_LIVE_MAX_QUEUED;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LIVE_MAX_QUEUED) {
    return refuse('CRM_LIVE_MAX_QUEUED', `must be a whole number of changes from 1 to ${MAX_LIVE_MAX_QUEUED}`);
  }
  return count;
};
