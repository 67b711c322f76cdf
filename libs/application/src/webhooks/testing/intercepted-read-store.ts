import type { ReadStore } from '@crm/read-models';

type Method<K extends keyof ReadStore> = ReadStore[K] extends (...args: infer A) => infer R ? (...args: A) => R : never;

/** For each method given, what runs instead: it gets the store's own method and the arguments. */
export type Interceptions = {
  [K in keyof ReadStore]?: (real: Method<K>, ...args: Parameters<Method<K>>) => ReturnType<Method<K>>;
};

/**
 * The store as a deliverer meets it when the store is slow or hangs: the methods named go through the
 * test's function (which may hold an answer back, or never give one), the others straight to the store.
 */
export const interceptedReadStore = (store: ReadStore, interceptions: Interceptions): ReadStore =>
  new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      const real = value.bind(target) as (...args: unknown[]) => unknown;
      const instead = interceptions[property as keyof ReadStore] as ((real: unknown, ...args: unknown[]) => unknown) | undefined;
      return instead === undefined ? real : (...args: unknown[]) => instead(real, ...args);
    },
  });

/** A promise and the function that settles it, for a test to let a held-back call go on when it chooses. */
export const deferred = <T = void>(): { promise: Promise<T>; resolve: (value: T) => void } => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
};
