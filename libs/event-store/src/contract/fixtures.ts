import { randomBytes, randomUUID } from 'node:crypto';
import type { EventStore, LogFilter } from '../event-store.port';
import type { NewEvent, RecordedEvent } from '../events';
import type { JsonObject } from '../json';

/** A category no other test (or earlier run against a shared server) uses, so filters isolate tests. */
export const uniqueCategory = (): string => `t${randomBytes(6).toString('hex')}`;

export const streamIn = (category: string, id: string = randomUUID()): string => `${category}-${id}`;

export const newEvent = (type = 'SomethingHappened', data: JsonObject = {}, id: string = randomUUID()): NewEvent => ({
  id,
  type,
  data,
  metadata: {
    actor: 'user-1',
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

export const events = (count: number, type?: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i }));

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

export const readFiltered = (store: EventStore, filter: LogFilter): Promise<RecordedEvent[]> =>
  collect(store.readAll({ filter }));

/** Takes exactly `count` events from a subscription (or fails after the timeout), then closes it. */
export const take = async (
  subscription: AsyncIterable<RecordedEvent> & { close(): Promise<void> },
  count: number,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> => {
  const taken: RecordedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  const iterator = subscription[Symbol.asyncIterator]();
  try {
    while (taken.length < count) {
      const remaining = deadline - Date.now();
      const next = await Promise.race([
        iterator.next(),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(remaining, 0)).unref()),
      ]);
      if (next === 'timeout') throw new Error(`Subscription gave ${taken.length} of ${count} events in ${timeoutMs} ms`);
      if (next.done) break;
      taken.push(next.value);
    }
  } finally {
    await subscription.close();
    void iterator.return?.();
  }
  return taken;
};
