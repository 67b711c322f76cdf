import type { JsonValue } from './json';
import { InvalidQueryError } from './read-store.errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Doc } from './read-store.port';

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const SYSTEM_NAME = /^[A-Za-z0-9_.:-]{1,128}$/;
const validCollections = new Set<string>();

/**
 * Collection and alias names. `sqlite_` is reserved by SQLite, so it is refused on every
 * adapter to keep them interchangeable. System collections start with `_` and cannot collide.
 */
export function assertCollectionName(name: unknown, field = 'collection'): asserts name is string {
  if (typeof name === 'string' && validCollections.has(name)) return;
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name) || name.startsWith('sqlite_')) {
    throw new InvalidQueryError(`Invalid ${field} name ${JSON.stringify(name)}: must match ${COLLECTION_NAME.source} and not start with sqlite_`, field);
  }
  if (validCollections.size < 10_000) validCollections.add(name);
}

/** Dotted field paths; `_id` is refused because MongoDB maps `id` onto it. */
export function assertFieldPath(path: unknown, field = 'field'): asserts path is string {
  if (typeof path !== 'string' || !FIELD_PATH.test(path) || path === '_id' || path.startsWith('_id.')) {
    throw new InvalidQueryError(`Invalid field path ${JSON.stringify(path)}: must match ${FIELD_PATH.source} and not address _id`, field);
  }
}

/** Checkpoint and lease names (e.g. `pipeline_v1`, `projector:leads`). */
export function assertSystemName(name: unknown, field: string): asserts name is string {
  if (typeof name !== 'string' || !SYSTEM_NAME.test(name)) {
    throw new InvalidQueryError(`Invalid ${field} ${JSON.stringify(name)}: must match ${SYSTEM_NAME.source}`, field);
  }
}

export function assertId(id: unknown, field = 'id'): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024) {
    throw new InvalidQueryError(`Invalid ${field}: a non-empty string of at most 1024 characters is required`, field);
  }
}

/** MongoDB keeps `id` as `_id`, and a searchable document's words and a page's scores beside the document. */
const RESERVED_KEYS = ['_id', '_search', '_relevance'];

export function assertDoc(doc: unknown): asserts doc is Doc {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InvalidQueryError('A document must be a JSON object', 'doc');
  }
  assertId((doc as { id?: unknown }).id, 'doc.id');
  for (const reserved of RESERVED_KEYS) {
    if (reserved in doc) throw new InvalidQueryError(`A document must not carry a top-level ${reserved}`, `doc.${reserved}`);
  }
}

export function assertPatch(set: unknown): asserts set is Record<string, JsonValue> {
  if (typeof set !== 'object' || set === null || Array.isArray(set)) {
    throw new InvalidQueryError('A patch must be an object of dotted paths to values', 'set');
  }
  for (const path of Object.keys(set)) {
    assertFieldPath(path, `set.${path}`);
    if (path === 'id' || path.startsWith('id.')) throw new InvalidQueryError('A patch cannot change id', `set.${path}`);
  }
}

/** A page size (`first` or `last`) defaults to DEFAULT_PAGE_SIZE; 0..MAX_PAGE_SIZE integers are accepted. */
export function resolveFirst(first: unknown, field: 'first' | 'last' = 'first'): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InvalidQueryError(`${field} must be an integer between 0 and ${MAX_PAGE_SIZE}`, field);
  }
  return first;
}

export function assertLeaseRequest(name: unknown, owner: unknown, ttlMs: unknown): void {
  assertSystemName(name, 'lease name');
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > 256) {
    throw new InvalidQueryError('A lease owner must be a non-empty string of at most 256 characters', 'owner');
  }
  if (typeof ttlMs !== 'number' || !Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > 86_400_000) {
    throw new InvalidQueryError('ttlMs must be an integer between 1 and 86400000', 'ttlMs');
  }
}

/** Validates a whole batch before anything is written. */
export function assertWriteOps(ops: unknown): void {
  if (!Array.isArray(ops)) throw new InvalidQueryError('ops must be an array', 'ops');
  for (const op of ops as Array<Record<string, unknown>>) {
    assertCollectionName(op?.collection);
    if (op.kind === 'upsert') assertDoc(op.doc);
    else if (op.kind === 'patch') {
      assertId(op.id);
      assertPatch(op.set);
    } else if (op.kind === 'delete') assertId(op.id);
    else throw new InvalidQueryError(`Unknown write op kind ${JSON.stringify(op.kind)}`, 'ops.kind');
  }
}

export function isCollectionName(name: string): boolean {
  return COLLECTION_NAME.test(name) && !name.startsWith('sqlite_');
}
