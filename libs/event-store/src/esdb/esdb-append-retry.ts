import { EventStoreUnavailableError } from '../errors';
import type { ExpectedRevision } from '../expected-revision';

export interface AppendRetryPolicy {
  /**
   * How long an append may keep retrying, from its first attempt: no retry starts (pause included)
   * past it. With a 2.5 s attempt deadline and a 1 s cap on pauses, a write answers within ~8 s.
   */
  maxRetryMs: number;
  /** Each attempt's own deadline, passed to the client (its default is 10 s). */
  attemptDeadlineMs: number;
  /** The cap of the first pause; each further pause may be twice as long, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); `Math.random` unless a test fixes it. */
  random(): number;
  sleep(ms: number): Promise<void>;
  /** Milliseconds, for the total time bound; `Date.now` unless a test moves it. */
  now(): number;
}

export const DEFAULT_APPEND_RETRY: AppendRetryPolicy = {
  maxRetryMs: 5_000,
  attemptDeadlineMs: 2_500,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
};

/**
 * Failures after which the same append may well succeed: the node is not the leader (the client
 * reconnects to the one it names), the server or the connection is unavailable, or the call ran out
 * of time (the client's own deadline, or the server's commit timeout). Whether the append was stored
 * is unknown after all but the first.
 */
const TRANSIENT_APPEND_ERRORS = new Set(['not-leader', 'unavailable', 'deadline-exceeded', 'timeout']);

const errorType = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined);

export const isTransientAppendError = (error: unknown): boolean => {
  const type = errorType(error);
  return typeof type === 'string' && TRANSIENT_APPEND_ERRORS.has(type);
};

/**
 * Whether an append refused this way may be tried again. With 'any' or 'stream_exists' the server
 * recognises a repeated append only best effort, and nothing can be checked afterwards (there is no
 * revision to look behind), so a retry after an unknown outcome could store the events twice: those
 * are retried only when refused as not-leader, which a follower answers without writing.
 */
export const mayRetryAppend = (error: unknown, expected: ExpectedRevision): boolean =>
  expected === 'any' || expected === 'stream_exists' ? errorType(error) === 'not-leader' : isTransientAppendError(error);

/**
 * "Full jitter": a pause drawn uniformly below an exponentially growing cap, so writers that failed
 * together do not come back together. `attempt` counts the failures so far, from 1.
 */
export const backoffDelayMs = (attempt: number, policy: Pick<AppendRetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number =>
  Math.floor(policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

/** One attempt. `afterFailure` is true once an earlier attempt failed: that one may have been stored. */
export type AppendAttempt<T> = (afterFailure: boolean) => Promise<T>;

/**
 * Runs `attempt` until it returns, fails on something it may not retry (surfaced as is), or would
 * start a retry past `maxRetryMs` from the first attempt (surfaced as EventStoreUnavailableError).
 * Repeating an append with an explicit revision is safe: its event ids are fixed before the first
 * attempt, and a retry finds the first one's events if they were stored (see findStoredAppend).
 */
export const withAppendRetry = async <T>(streamName: string, expected: ExpectedRevision, attempt: AppendAttempt<T>, policy: AppendRetryPolicy): Promise<T> => {
  const started = policy.now();
  for (let failures = 0; ; ) {
    try {
      return await attempt(failures > 0);
    } catch (error) {
      if (!mayRetryAppend(error, expected)) throw error;
      failures += 1;
      const pause = backoffDelayMs(failures, policy);
      if (policy.now() + pause - started > policy.maxRetryMs) throw new EventStoreUnavailableError(streamName, failures, error);
      await policy.sleep(pause);
    }
  }
};
