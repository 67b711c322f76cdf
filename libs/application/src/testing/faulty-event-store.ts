import type { AppendResult, EventStore, NewEvent, ExpectedRevision } from '@crm/event-store';

/** A simulated crash: thrown by FaultyEventStore, never by real code. */
export class InjectedCrash extends Error {
  constructor(readonly step: number, readonly when: 'before' | 'after') {
    super(`injected crash ${when} append #${step}`);
  }
}

/**
 * Wraps a real store and "crashes" at one chosen append: either before it reaches the store or
 * after the store acknowledged it (the caller never learns it succeeded). Everything else passes
 * through, so the test runs against the real adapter.
 */
export const faultyEventStore = (inner: EventStore, crashAt: number, when: 'before' | 'after'): EventStore => {
  let appends = 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property !== 'appendToStream') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
        appends++;
        if (appends === crashAt && when === 'before') throw new InjectedCrash(appends, when);
        const result = await target.appendToStream(stream, events, expected);
        if (appends === crashAt && when === 'after') throw new InjectedCrash(appends, when);
        return result;
      };
    },
  });
};
