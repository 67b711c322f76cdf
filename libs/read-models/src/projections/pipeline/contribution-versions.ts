import type { Doc } from '../../store/read-store.port';
import { docKey, type DocKey, type ProjectionLookup } from '../projection';

/**
 * Versioned contributions: how projections that keep aggregates (sums and counts) stay exact.
 *
 * An aggregate can only be corrected by subtracting what an entity contributed before an event and
 * adding what it contributes after. The "before" must be the entity's state just before *this*
 * event, even when a replay finds helper documents already written by later events of a batch that
 * was only partly stored (MongoDB writes each collection separately). So each change is stored as a
 * new version document whose id carries the stream revision and the aggregate slot:
 * `<entityId>|<revision>|<slot...>`. `keys` finds the versions with one lookup and reads the slot
 * from the ids (it cannot read documents); `apply` takes the newest version below the event's
 * revision as "before", whatever was written later.
 */

/** Versions kept per entity: replays stay exact while a partly stored batch holds fewer changes of one entity. */
export const VERSIONS_KEPT = 8;

const REVISION_WIDTH = 10;

export type VersionRef = { id: string; entityId: string; revision: number; slot: string[] };

export const versionId = (entityId: string, revision: number, slot: readonly string[]): string =>
  [entityId, String(revision).padStart(REVISION_WIDTH, '0'), ...slot].join('|');

/** Entity ids are UUIDs and revisions digits, so only the slot's last part may itself contain `|`. */
export function parseVersionId(id: string): VersionRef {
  const [entityId, revision, ...slot] = id.split('|');
  return { id, entityId, revision: Number(revision), slot };
}

const byRevision = (a: { revision: number }, b: { revision: number }): number => a.revision - b.revision;

/**
 * Hands the entity's versions to `build`. Revision 0 (the creating event) has none before it, so it
 * needs no lookup and `keys` stays synchronous: the projector batches such events without a flush.
 */
export function withVersions(
  lookup: ProjectionLookup,
  collection: string,
  entity: { field: string; id: string; revision: number },
  build: (versions: VersionRef[]) => DocKey[],
): DocKey[] | Promise<DocKey[]> {
  if (entity.revision === 0) return build([]);
  return lookup(collection, { [entity.field]: entity.id }).then((ids) => build(ids.map(parseVersionId).sort(byRevision)));
}

/** Versions at or after `revision` were written by this event or a later one, so they are never "before". */
export function versionBefore<T extends { revision: number }>(versions: readonly T[], revision: number): T | null {
  const earlier = versions.filter((version) => version.revision < revision);
  return earlier.length === 0 ? null : earlier[earlier.length - 1];
}

/** Versions to delete once `revision` is written: all but the newest VERSIONS_KEPT - 1 before it. */
export function versionsToPrune<T extends { revision: number }>(versions: readonly T[], revision: number): T[] {
  const earlier = versions.filter((version) => version.revision < revision);
  return earlier.slice(0, Math.max(0, earlier.length - (VERSIONS_KEPT - 1)));
}

/** The keys `apply` needs for the versions: the one before, the new one, and the ones to prune. */
export function versionKeys(
  collection: string,
  versions: readonly VersionRef[],
  revision: number,
  newId: string | null,
): DocKey[] {
  const before = versionBefore(versions, revision);
  const ids = [before?.id, newId, ...versionsToPrune(versions, revision).map((version) => version.id)];
  return ids.filter((id): id is string => typeof id === 'string').map((id) => ({ collection, id }));
}

/** The version documents of one collection that `apply` was handed, oldest first. */
export function versionDocsIn<T extends Doc & { revision: number }>(
  docs: ReadonlyMap<string, Doc | null>,
  collection: string,
): T[] {
  const prefix = docKey(collection, '');
  const found = [...docs].filter(([key, doc]) => key.startsWith(prefix) && doc !== null).map(([, doc]) => doc as T);
  return found.sort(byRevision);
}

/**
 * Writes the new version (unless a replay finds it written) and deletes the pruned ones. `keys` hands
 * over only the version before the event and the ones it chose to prune, so every handed-over
 * version older than the one before is a pruned one.
 */
export function writeVersion<T extends Doc & { revision: number }>(
  out: Map<string, Doc | null>,
  collection: string,
  versions: readonly T[],
  next: T | null,
): void {
  if (next === null) return;
  if (!versions.some((version) => version.revision === next.revision)) out.set(docKey(collection, next.id), next);
  const before = versionBefore(versions, next.revision);
  const pruned = before === null ? [] : versions.filter((version) => version.revision < before.revision);
  for (const old of pruned) out.set(docKey(collection, old.id), null);
}
