import { StreamNotFoundError } from './errors';
import type { RecordedEvent } from './events';
import type { EventStore, ReadStreamOptions } from './event-store.port';

/** A whole (small) stream as an array; a stream that does not exist yet is empty, not an error. */
export const collectStream = async (
  store: EventStore,
  streamName: string,
  options?: ReadStreamOptions,
): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamName, options)) events.push(event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
};
