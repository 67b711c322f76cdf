import type { Clock, ReadStore } from '../read-store.port';

/** Opens an empty store whose leases and checkpoint times read `clock`. */
export type ReadStoreFactory = (clock: Clock) => Promise<ReadStore>;

export interface ContractContext {
  readonly store: ReadStore;
  readonly factory: ReadStoreFactory;
  /** Moves the store's clock on, so a lease expires without the test waiting for it. */
  advanceClock(ms: number): void;
}

/** A fresh store per test, closed after it: tests never depend on each other's data. */
export function useFreshStore(factory: ReadStoreFactory): ContractContext {
  let current: ReadStore | undefined;
  let advanced = 0;
  const clock: Clock = () => Date.now() + advanced;
  beforeEach(async () => {
    advanced = 0;
    current = await factory(clock);
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
    advanceClock: (ms) => {
      advanced += ms;
    },
  };
}

export const sortedIds = (docs: Iterable<{ id: string }>): string[] => [...docs].map((d) => d.id).sort();
