const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `500ms`, `5s`, `30m`, `2h` or `5d` in milliseconds; null when the text is not
 * one. A bare number is refused: `5` could mean seconds as well as milliseconds.
 */
export const parseDuration = (text: string): number | null => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  return Number.isSafeInteger(ms) ? ms : null;
};

/** The longest wait between two attempts: a timer cannot be set further out (about 24.8 days). */
export const MAX_RETRY_DELAY_MS = 2 ** 31 - 1;

/**
 * The waits between attempts, `5s,5m,30m,2h,5h,10h`: after the n-th failed attempt the n-th wait,
 * the last one repeated for every attempt after. Throws naming the step that is not a duration.
 */
export const parseRetrySchedule = (text: string): number[] => {
  const steps = text.split(',').map((step) => step.trim());
  return steps.map((step, index) => {
    const ms = parseDuration(step);
    if (ms === null || ms <= 0 || ms > MAX_RETRY_DELAY_MS) {
      throw new Error(`step ${index + 1} ("${step}") is not a positive duration such as 500ms, 5s, 5m or 2h (at most 24 days)`);
    }
    return ms;
  });
};

/** How long to wait after `failedAttempts` failed attempts (1 or more) before the next one. */
export const retryDelay = (schedule: readonly number[], failedAttempts: number): number =>
  schedule[Math.min(Math.max(failedAttempts, 1), schedule.length) - 1];
