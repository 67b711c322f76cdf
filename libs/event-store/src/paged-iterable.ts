/**
 * An AsyncIterable over pages fetched on demand. Async generators cost several promise hops per
 * yielded item; serving items from the current page with an already-resolved promise keeps a
 * whole-log read close to the speed of the underlying scan.
 */
export function pagedIterable<T>(nextPage: () => Promise<T[] | null> | T[] | null): AsyncIterable<T>;
/**
 * Pages of raw items, each mapped only when it is asked for: a page of rows holds less than a page of
 * what they become, and whatever the reader drops becomes garbage at once (a whole-log read's
 * collector then copies one page of rows, not a page of events, at every scavenge).
 */
export function pagedIterable<R, T>(nextPage: () => Promise<R[] | null> | R[] | null, map: (item: R) => T): AsyncIterable<T>;
export function pagedIterable<R, T>(nextPage: () => Promise<R[] | null> | R[] | null, map?: (item: R) => T): AsyncIterable<T> {
  const item = map ?? ((raw: R) => raw as unknown as T);
  // A map that throws (an unreadable row) rejects the read, as a page that failed to load does.
  const served = (raw: R): Promise<IteratorResult<T>> => {
    try {
      return Promise.resolve({ value: item(raw), done: false });
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    [Symbol.asyncIterator]: (): AsyncIterator<T> => {
      let page: R[] = [];
      let index = 0;
      let finished = false;
      const refill = async (): Promise<IteratorResult<T>> => {
        while (!finished) {
          const next = await nextPage();
          if (next === null) break;
          page = next;
          index = 0;
          if (page.length > 0) return { value: item(page[index++]), done: false };
        }
        finished = true;
        return { value: undefined, done: true };
      };
      return {
        next: () => (index < page.length ? served(page[index++]) : refill()),
        return: async () => {
          finished = true;
          page = [];
          return { value: undefined, done: true };
        },
      };
    },
  };
}
