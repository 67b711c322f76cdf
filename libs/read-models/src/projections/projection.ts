import type { LogFilter, RecordedEvent } from '@crm/event-store';
import type { Doc, Filter, IndexSpec } from '../store/read-store.port';

/** A document of one of a projection's collections, addressed by its logical collection name. */
export interface DocKey {
  collection: string;
  id: string;
}

/** Every document a projection writes carries the log position of the last event applied to it. */
export type ProjectedDoc = Doc & { lastPosition: number };

/** Lets `keys` find documents by a field (e.g. every opportunity of an account) in the projection's own collections. */
export type ProjectionLookup = (collection: string, filter: Filter) => Promise<string[]>;

/**
 * One projection per query need. Pure apart from `keys`' read-only lookup: the projector owns all I/O,
 * batching, checkpoints, idempotency and leases.
 *
 * - `collections`: logical name -> indexes its queries need. The projector stores them physically per
 *   version and rebuild generation (`physicalCollection`) and readers resolve the logical name through
 *   an alias, so a rebuild writes a new generation while the old one keeps serving.
 * - `keys(event)`: the documents this event touches (may be none).
 * - `apply(event, docs)`: given those documents (null = absent), the new documents (null = delete).
 *   Must be deterministic; the projector stamps `lastPosition` and skips documents that already saw
 *   the event's position, which is what makes applying an event twice a no-op.
 */
export interface Projection {
  readonly name: string;
  readonly version: number;
  readonly collections: Readonly<Record<string, IndexSpec[]>>;
  readonly filter?: LogFilter;
  keys(event: RecordedEvent, lookup: ProjectionLookup): DocKey[] | Promise<DocKey[]>;
  apply(event: RecordedEvent, docs: ReadonlyMap<string, Doc | null>): Map<string, Doc | null>;
}

/** Map key of a DocKey inside `apply`'s input and output. */
export const docKey = (collection: string, id: string): string => `${collection}/${id}`;

/**
 * Physical collection name of a projection version and rebuild generation: the first build of a
 * version is `<name>_v<version>`, each blue-green rebuild of it `<name>_v<version>_g<generation>`.
 */
export const physicalCollection = (collection: string, version: number, generation = 1): string =>
  generation <= 1 ? `${collection}_v${version}` : `${collection}_v${version}_g${generation}`;
