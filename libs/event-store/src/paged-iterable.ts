/**
 * An AsyncIterable over pages fetched on demand. Async generators cost several promise hops per
 * yielded item; serving items from the current page with an already-resolved promise keeps a
 * whole-log read close to the speed of the underlying scan.
 */
export const pagedIterable = <T>(nextPage: () => Promise<T[] | null> | T[] | null): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: (): AsyncIterator<T> => {
    let page: T[] = [];
    let index = 0;
    let finished = false;
    const refill = async (): Promise<IteratorResult<T>> => {
      while (!finished) {
        const next = await nextPage();
        if (next === null) break;
        page = next;
        index = 0;
        if (page.length > 0) return { value: page[index++], done: false };
      }
      finished = true;
      return { value: undefined, done: true };
    };
    return {
      next: () => (index < page.length ? Promise.resolve({ value: page[index++], done: false }) : refill()),
      return: async () => {
        finished = true;
        page = [];
        return { value: undefined, done: true };
      },
    };
  },
});
