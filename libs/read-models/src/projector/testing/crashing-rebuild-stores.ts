import type { EventStore, ReadAllOptions, RecordedEvent } from '@crm/event-store';
import { openRebuildStores as openSqlite } from '../sqlite-rebuild-stores';
import type { RebuildStores } from '../rebuild-stores';

/**
 * The embedded stores of `sqlite-rebuild-stores`, with a log whose reads end the thread at their first
 * event (`process.exit(3)`): a rebuild thread lost mid-replay, as to a crash or an out-of-memory kill.
 */
export const openRebuildStores = async (argument: unknown): Promise<RebuildStores> => {
  const stores = await openSqlite(argument);
  const events: EventStore = Object.create(stores.events, {
    readAll: {
      value: async function* (options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
        for await (const event of stores.events.readAll(options)) {
          process.exit(3);
          yield event;
        }
      },
    },
  });
  return { ...stores, events };
};
