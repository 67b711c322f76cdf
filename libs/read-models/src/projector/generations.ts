import type { ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { generationExtra, pointerCheckpoint, targetOf, type Generation, type ProjectionTarget } from './projection-target';

/** The generation readers are served from, or null before the first build. */
export const readActiveGeneration = async (store: ReadStore, projection: string): Promise<Generation | null> => {
  const pointer = await store.getCheckpoint(pointerCheckpoint(projection));
  const version = pointer?.extra.version;
  const generation = pointer?.extra.generation;
  return typeof version === 'number' && typeof generation === 'number' ? { version, generation } : null;
};

/** The generation a rebuild of `projection` writes: the next one of its code version. */
export const nextGeneration = (projection: Projection, active: Generation | null): Generation =>
  active !== null && active.version === projection.version
    ? { version: active.version, generation: active.generation + 1 }
    : { version: projection.version, generation: 1 };

/** Creates the target's collections; indexes can be deferred so a bulk load does not maintain them row by row. */
export const ensureTargetCollections = async (store: ReadStore, target: ProjectionTarget, withIndexes: boolean): Promise<void> => {
  for (const [logical, physical] of target.collections) {
    const search = target.projection.search?.[logical];
    await store.ensureCollection(physical, [...(target.projection.collections[logical] ?? [])], { deferIndexes: !withIndexes, ...(search ? { search } : {}) });
  }
};

export const dropTarget = async (store: ReadStore, target: ProjectionTarget): Promise<void> => {
  for (const physical of target.collections.values()) await store.dropCollection(physical);
  await store.deleteCheckpoint(target.checkpoint);
};

/**
 * Points readers at the target: each alias switch is atomic; with several collections readers may for
 * an instant see one collection of the new generation beside one of the old, both complete. The pointer
 * goes last: it tells live projectors to move to the new generation.
 */
export const activate = async (store: ReadStore, target: ProjectionTarget, switchedAt: number): Promise<void> => {
  for (const [logical, physical] of target.collections) await store.setAlias(logical, physical);
  await store.writeBatch([], {
    name: pointerCheckpoint(target.projection.name),
    position: null,
    extra: { ...generationExtra(target.generation), switchedAt: new Date(switchedAt).toISOString() },
  });
};

export const activeTarget = async (store: ReadStore, projection: Projection): Promise<ProjectionTarget | null> => {
  const active = await readActiveGeneration(store, projection.name);
  return active === null ? null : targetOf(projection, active);
};
