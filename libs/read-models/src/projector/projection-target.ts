import type { LogFilter, RecordedEvent } from '@crm/event-store';
import type { JsonValue } from '../store/json';
import { physicalCollection, type Projection } from '../projections/projection';

/** Which copy of a projection: its code version and the rebuild generation within that version. */
export interface Generation {
  version: number;
  generation: number;
}

/** One copy of a projection's read model: physical collections and the checkpoint written with them. */
export interface ProjectionTarget {
  projection: Projection;
  generation: Generation;
  /** Logical collection name -> physical collection of this generation. */
  collections: ReadonlyMap<string, string>;
  checkpoint: string;
}

/**
 * Names in the store. The pointer (which generation serves) and each generation's progress are separate
 * checkpoints, so a live projector still writing the old generation can never overwrite the switch.
 */
export const pointerCheckpoint = (projection: string): string => `projection:${projection}`;
export const progressCheckpoint = (projection: string, g: Generation): string => `projection:${projection}:v${g.version}:g${g.generation}`;
export const liveLease = (projection: string): string => `projection:${projection}`;
export const rebuildLease = (projection: string): string => `projection:${projection}:rebuild`;

export const targetOf = (projection: Projection, generation: Generation): ProjectionTarget => ({
  projection,
  generation,
  collections: new Map(Object.keys(projection.collections).map((name) => [name, physicalCollection(name, generation.version, generation.generation)])),
  checkpoint: progressCheckpoint(projection.name, generation),
});

export const generationExtra = (g: Generation): Record<string, JsonValue> => ({ version: g.version, generation: g.generation });

export const sameGeneration = (a: Generation | null, b: Generation | null): boolean =>
  a !== null && b !== null && a.version === b.version && a.generation === b.generation;

/** The LogFilter test done in memory, for a shared read of the log feeding several projections. */
export const matchesFilter = (filter: LogFilter | undefined): ((event: RecordedEvent) => boolean) => {
  const categories = filter?.categories?.length ? new Set(filter.categories) : null;
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : null;
  return (event) => {
    if (types !== null && !types.has(event.type)) return false;
    if (categories === null) return true;
    const dash = event.streamName.indexOf('-');
    return categories.has(dash < 0 ? event.streamName : event.streamName.slice(0, dash));
  };
};

/** The smallest LogFilter covering every projection's filter (no filter if any projection reads everything). */
const unionFilter = (projections: readonly Projection[]): LogFilter | undefined => {
  const categories = new Set<string>();
  const types = new Set<string>();
  let allCategories = false;
  let allTypes = false;
  for (const { filter } of projections) {
    if (filter?.categories?.length) filter.categories.forEach((c) => categories.add(c));
    else allCategories = true;
    if (filter?.eventTypes?.length) filter.eventTypes.forEach((t) => types.add(t));
    else allTypes = true;
  }
  const union: LogFilter = {
    ...(allCategories ? {} : { categories: [...categories] }),
    ...(allTypes ? {} : { eventTypes: [...types] }),
  };
  return Object.keys(union).length === 0 ? undefined : union;
};

/**
 * What a shared read of the log for several projections asks the event store for. One category is
 * read through its index; for several, one sequential read (each lane matches its own events) beats
 * merging per-category index ranges, which reads a page of every category to keep one. The event
 * types are asked for either way: the store then skips the others before decoding them.
 */
export const sharedReadFilter = (projections: readonly Projection[]): LogFilter | undefined => {
  const union = unionFilter(projections);
  if ((union?.categories?.length ?? 0) <= 1) return union;
  return union?.eventTypes === undefined ? undefined : { eventTypes: union.eventTypes };
};
