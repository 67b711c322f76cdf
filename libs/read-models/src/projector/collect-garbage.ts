import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection, also in a process started without --expose-gc (the flag is set for
 * contexts made from now on, and one such context hands its `gc` over). A rebuild calls it right
 * after an eviction: V8 sizes the old generation's next limit from what survived the last full
 * collection, so collecting when the model is smallest keeps the heap near the budget rather than
 * letting it grow, with the evicted documents in it, to several times what is held.
 */
export const collectGarbage = (): void => {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed !== undefined) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      const made: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      // A runtime that ignores the flag leaves V8 to collect on its own: slower to shrink, never wrong.
      collect = typeof made === 'function' ? (made as () => void) : () => undefined;
    }
  }
  collect();
};

/** A forced collection stops the world; after one that took `pause` ms, none comes sooner than 20 pauses later. */
const PAUSES_BETWEEN = 20;
const MIN_GAP_MS = 1_000;
let nextAllowed = 0;

/**
 * `collectGarbage`, at most about 5 % of the time and once a second: a rebuild runs in serving
 * processes too (an analyst's in the API), where each stop delays every request, and its lease is
 * renewed by timers that must get their turn. False when it skipped.
 */
export const collectGarbageSparingly = (): boolean => {
  const started = performance.now();
  if (started < nextAllowed) return false;
  collectGarbage();
  const ended = performance.now();
  nextAllowed = ended + Math.max(MIN_GAP_MS, (ended - started) * PAUSES_BETWEEN);
  return true;
};
