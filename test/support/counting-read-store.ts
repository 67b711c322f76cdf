import type { ReadStore } from '@crm/read-models';

/** The port's calls that read documents: what a page of the object graph costs the store. */
const DOCUMENT_READS = ['get', 'getMany', 'find', 'findGroups', 'count'] as const;
export type DocumentRead = (typeof DOCUMENT_READS)[number];

export interface CountingReadStore {
  store: ReadStore;
  /** Calls per method since the last reset, and the ids each getMany asked for. */
  calls(): Record<DocumentRead, number>;
  total(): number;
  getManySizes(): number[];
  reset(): void;
}

/** A decorator of the real store that counts document reads and passes every call through unchanged. */
export const countingReadStore = (inner: ReadStore): CountingReadStore => {
  const counts = new Map<DocumentRead, number>();
  const sizes: number[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!(DOCUMENT_READS as readonly PropertyKey[]).includes(property)) return value.bind(target);
      return (...args: unknown[]) => {
        counts.set(property as DocumentRead, (counts.get(property as DocumentRead) ?? 0) + 1);
        if (property === 'getMany') sizes.push((args[1] as readonly string[]).length);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    calls: () => Object.fromEntries(DOCUMENT_READS.map((method) => [method, counts.get(method) ?? 0])) as Record<DocumentRead, number>,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    getManySizes: () => [...sizes],
    reset: () => {
      counts.clear();
      sizes.length = 0;
    },
  };
};
