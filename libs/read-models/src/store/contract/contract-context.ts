import type { ReadStore } from '../read-store.port';

export type ReadStoreFactory = () => Promise<ReadStore>;

export interface ContractContext {
  readonly store: ReadStore;
  readonly factory: ReadStoreFactory;
}

/** A fresh store per test, closed after it: tests never depend on each other's data. */
export function useFreshStore(factory: ReadStoreFactory): ContractContext {
  let current: ReadStore | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get store(): ReadStore {
      if (current === undefined) throw new Error('store used outside a test');
      return current;
    },
    factory,
  };
}

export const sortedIds = (docs: Iterable<{ id: string }>): string[] => [...docs].map((d) => d.id).sort();
