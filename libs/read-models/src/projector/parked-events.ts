import type { RecordedEvent } from '@crm/event-store';
import type { Doc, IndexSpec, ReadStore, WriteOp } from '../store/read-store.port';
import type { Generation } from './projection-target';

/** One collection for every projection, outside the versioned copies: a rebuild must not hide what was parked. */
export const PARKED_EVENTS = 'parked_events';
const PARKED_INDEXES: IndexSpec[] = [{ fields: [{ field: 'projection' }, { field: 'version' }, { field: 'position' }] }];

export interface ParkedEvent extends Doc {
  projection: string;
  version: number;
  generation: number;
  position: number;
  stream: string;
  revision: number;
  type: string;
  eventId: string;
  error: string;
  at: string;
}

export const ensureParkedCollection = (store: ReadStore): Promise<void> => store.ensureCollection(PARKED_EVENTS, PARKED_INDEXES);

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

/** What a park record needs of an event: an event that could not even be read has no data to give. */
export type ParkableEvent = Pick<RecordedEvent, 'id' | 'type' | 'streamName' | 'revision' | 'position'>;

/** Upserted by id, so parking the same event again (a replay, a rebuild) keeps one record. */
export const parkOp = (projection: string, g: Generation, event: ParkableEvent, error: unknown): WriteOp => {
  const doc: ParkedEvent = {
    id: `${projection}:v${g.version}:${event.position}`,
    projection, version: g.version, generation: g.generation, position: Number(event.position),
    stream: event.streamName, revision: event.revision, type: event.type, eventId: event.id,
    error: message(error), at: new Date().toISOString(),
  };
  return { kind: 'upsert', collection: PARKED_EVENTS, doc };
};

export const countParked = (store: ReadStore, projection: string, version: number): Promise<number> =>
  store.count(PARKED_EVENTS, { projection, version });

export const listParked = async (store: ReadStore, projection: string, version: number, first = 100): Promise<ParkedEvent[]> =>
  (await store.find<ParkedEvent>(PARKED_EVENTS, {
    filter: { projection, version },
    sort: [{ field: 'position', direction: 'asc' }],
    first,
  })).items;
