import { EventStoreUnavailableError } from '../errors';

export interface AppendRetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  maxAttempts: number;
  /** The cap of the first pause; each further pause may be twice as long, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  random(): number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_APPEND_RETRY: AppendRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Failures after which the same append may well succeed: the node is not the leader (the client
 * reconnects to the one it names), the server or the connection is unavailable, or the call ran out
 * of time. Whether the append was stored is unknown after the last two.
 */
const TRANSIENT_APPEND_ERRORS = new Set(['not-leader', 'unavailable', 'deadline-exceeded']);

export const isTransientAppendError = (error: unknown): boolean => {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' && TRANSIENT_APPEND_ERRORS.has(type);
};

/**
 * "Full jitter": a pause drawn uniformly below an exponentially growing cap, so writers that failed
 * together do not come back together. `attempt` counts the failures so far, from 1.
 */
export const backoffDelayMs = (attempt: number, policy: Pick<AppendRetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number =>
  Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

/** How an attempt ended when it did not return: `retried` tells whether an earlier attempt may have been stored. */
export type AppendAttempt<T> = (retried: boolean) => Promise<T>;

/**
 * Runs `attempt` until it returns, fails on something not transient (surfaced as is), or has failed
 * `maxAttempts` times on transient errors (surfaced as EventStoreUnavailableError). Repeating an append
 * is safe because its event ids are fixed before the first attempt: the server stores them once.
 */
export const withAppendRetry = async <T>(streamName: string, attempt: AppendAttempt<T>, policy: AppendRetryPolicy): Promise<T> => {
  const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
  for (let failures = 0; ; ) {
    try {
      return await attempt(failures > 0);
    } catch (error) {
      if (!isTransientAppendError(error)) throw error;
      failures += 1;
      if (failures >= maxAttempts) throw new EventStoreUnavailableError(streamName, failures, error);
      await policy.sleep(backoffDelayMs(failures, policy));
    }
  }
};
