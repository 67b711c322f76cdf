import type { EventStore } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { nextGeneration, readActiveGeneration } from './generations';
import { countParked } from './parked-events';
import { liveLease, progressCheckpoint, rebuildLease } from './projection-target';

export type ProjectionState = 'NOT_BUILT' | 'REBUILDING' | 'LIVE' | 'CATCHING_UP' | 'STOPPED';

export interface ProjectionStatus {
  name: string;
  version: number;
  generation: number | null;
  /** Checkpoint of the generation readers use. */
  position: bigint | null;
  headPosition: bigint | null;
  /** Positions between the checkpoint and the head, 0 when no event of the projection is pending. */
  lag: bigint;
  state: ProjectionState;
  parked: number;
  /** Progress of a rebuild writing the next generation, when one is running. */
  rebuildPosition: bigint | null;
}

/** The first event of the projection after `position`, to tell a real lag from unrelated appends. */
export const pendingEventAfter = async (events: EventStore, projection: Projection, position: bigint | null): Promise<bigint | null> => {
  for await (const event of events.readAll({ after: position ?? undefined, filter: projection.filter, maxCount: 1 })) return event.position;
  return null;
};

const isHeld = async (store: ReadStore, lease: string): Promise<boolean> => (await store.leaseHolder(lease)) !== null;

export const projectionStatus = async (events: EventStore, store: ReadStore, projection: Projection): Promise<ProjectionStatus> => {
  const [active, headPosition] = await Promise.all([readActiveGeneration(store, projection.name), events.headPosition()]);
  const next = nextGeneration(projection, active);
  const [current, rebuild, parked] = await Promise.all([
    active === null ? null : store.getCheckpoint(progressCheckpoint(projection.name, active)),
    store.getCheckpoint(progressCheckpoint(projection.name, next)),
    countParked(store, projection.name, projection.version),
  ]);
  const position = current?.position ?? null;
  // Not built yet: every event of its categories is still to apply.
  const pending = await pendingEventAfter(events, projection, position);
  const lag = pending === null || headPosition === null ? 0n : headPosition - (position ?? 0n);
  const base = { name: projection.name, version: projection.version, generation: active?.generation ?? null, position, headPosition, lag, parked };
  const rebuildPosition = rebuild?.position ?? null;
  if (await isHeld(store, rebuildLease(projection.name))) return { ...base, state: 'REBUILDING', rebuildPosition };
  if (active === null) return { ...base, state: 'NOT_BUILT', rebuildPosition };
  if (!(await isHeld(store, liveLease(projection.name)))) return { ...base, state: 'STOPPED', rebuildPosition };
  return { ...base, state: lag === 0n ? 'LIVE' : 'CATCHING_UP', rebuildPosition };
};
