import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection, also in a process started without --expose-gc (the flag is set for
 * contexts made from now on, and one such context hands its `gc` over). A rebuild forces one after
 * an eviction and whenever its heap outgrows its budget (`HeapCeiling`).
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
