/**
 * A stand-in for an object a test suite makes afresh: it reads through to whichever one is current,
 * its methods bound to it, so a suite names it once instead of declaring it and assigning it in a hook.
 */
export const readThrough = <T extends object>(current: () => T | null, what: string): T =>
  new Proxy({} as T, {
    get: (_, property) => {
      const target = current();
      if (target === null) throw new Error(`${what} is used outside the tests it was made for`);
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
