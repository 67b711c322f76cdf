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
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
};
