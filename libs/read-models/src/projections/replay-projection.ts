import { categoryOf, type LogFilter, type RecordedEvent } from '@crm/event-store';
import type { Doc } from '../store/read-store.port';
import type { ProjectionDocs, Projection } from './projection';

/** What a projection holds after a replay in memory. */
export interface ReplayedDocs {
  get<T extends Doc = Doc>(collection: string, id: string): T | null;
}

const passes = (filter: LogFilter | undefined, event: RecordedEvent): boolean =>
  (filter?.categories === undefined || filter.categories.length === 0 || filter.categories.includes(categoryOf(event.streamName))) &&
  (filter?.eventTypes === undefined || filter.eventTypes.length === 0 || filter.eventTypes.includes(event.type));

/**
 * A projection applied in memory to the events given, in their order, as if they were the whole log:
 * one entity's streams up to an instant give its read-model document as of that instant, computed by
 * the projection's own code rather than a second copy of its rules. As in the projector, an event
 * whose `apply` throws leaves nothing behind (the projector parks it).
 */
export function replayProjection(projection: Projection, events: readonly RecordedEvent[]): ReplayedDocs {
  const stored = new Map<string, Doc>();
  const key = (collection: string, id: string): string => `${collection}\u0000${id}`;
  for (const event of events) {
    if (!passes(projection.filter, event)) continue;
    const written = new Map<string, Doc>();
    const docs: ProjectionDocs = {
      get: <T extends Doc>(collection: string, id: string) => (written.get(key(collection, id)) ?? stored.get(key(collection, id)) ?? null) as T | null,
      put: (collection, doc) => void written.set(key(collection, doc.id), doc),
    };
    try {
      projection.apply(event, docs);
    } catch {
      continue;
    }
    for (const [at, doc] of written) stored.set(at, doc);
  }
  return { get: <T extends Doc>(collection: string, id: string) => (stored.get(key(collection, id)) ?? null) as T | null };
}
