import type { RecordedEvent } from '@crm/event-store';
import type { JsonScalar, JsonValue } from '../../store/json';
import type { Doc, FieldFilter, Filter, RangeOperand } from '../../store/read-store.port';
import { docKey, type Projection } from '../projection';

type StoredDoc = Doc & { lastPosition: number };

const collectionOf = (key: string): string => key.slice(0, key.indexOf('/'));

function valueAt(doc: Doc, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = doc;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

function inRange(value: JsonScalar, c: Exclude<FieldFilter, JsonScalar>): boolean {
  const bounds: Array<[RangeOperand | undefined, (order: number) => boolean]> = [
    [c.$gt, (order) => order > 0],
    [c.$gte, (order) => order >= 0],
    [c.$lt, (order) => order < 0],
    [c.$lte, (order) => order <= 0],
  ];
  return bounds.every(([bound, holds]) => {
    if (bound === undefined) return true;
    if (typeof value !== typeof bound) return false;
    const v = value as RangeOperand;
    return holds(v < bound ? -1 : v > bound ? 1 : 0);
  });
}

function matchesField(value: JsonValue | undefined, condition: FieldFilter): boolean {
  const v = (value ?? null) as JsonScalar;
  if (condition === null || typeof condition !== 'object') return v === condition;
  const c = condition;
  if (c.$eq !== undefined && v !== c.$eq) return false;
  if (c.$ne !== undefined && v === c.$ne) return false;
  if (c.$in !== undefined && !c.$in.includes(v)) return false;
  if (c.$exists !== undefined && (value !== undefined) !== c.$exists) return false;
  if (c.$prefix !== undefined && !(typeof v === 'string' && v.startsWith(c.$prefix))) return false;
  return inRange(v, c);
}

export const matchesFilter = (doc: Doc, filter: Filter): boolean =>
  Object.entries(filter).every(([path, condition]) => matchesField(valueAt(doc, path), condition));

const copyOf = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** Documents must be plain JSON: no bigint, undefined, NaN, Date or class instances. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return false;
  return Object.values(value as object).every(isPlainJson);
}

/**
 * Runs a projection the way the projector does, in memory: loads what `keys` asks for (lookups scan),
 * hands frozen copies to `apply`, stamps `lastPosition` and skips documents that already saw the
 * event's position. Only for pure tests: no batching, no I/O.
 */
export class ProjectionTestKit {
  private readonly store = new Map<string, StoredDoc>();

  constructor(readonly projection: Projection) {}

  async run(events: readonly RecordedEvent[]): Promise<this> {
    for (const event of events) await this.apply(event);
    return this;
  }

  async apply(event: RecordedEvent): Promise<void> {
    const position = Number(event.position);
    const lookup = (collection: string, filter: Filter) => Promise.resolve(this.find(collection, filter).map((d) => d.id));
    const keys = await this.projection.keys(event, lookup);
    const input = new Map(keys.map(({ collection, id }) => [docKey(collection, id), this.loaded(docKey(collection, id))]));
    for (const [key, doc] of this.projection.apply(event, input)) {
      if (!input.has(key)) throw new Error(`apply wrote ${key}, which keys did not ask for`);
      const seen = this.store.get(key)?.lastPosition;
      if (seen !== undefined && seen >= position) continue;
      if (doc === null) this.store.delete(key);
      else this.write(key, doc, position);
    }
  }

  find(collection: string, filter: Filter = {}): Doc[] {
    return this.entries(collection)
      .map(([, doc]) => doc)
      .filter((doc) => matchesFilter(doc, filter));
  }

  /** A collection's documents sorted by id, without the projector's `lastPosition`. */
  docs<T extends Doc = Doc>(collection: string): T[] {
    return this.entries(collection).map(([, { lastPosition: _seen, ...doc }]) => doc as T);
  }

  doc<T extends Doc = Doc>(collection: string, id: string): T | null {
    return this.docs<T>(collection).find((doc) => doc.id === id) ?? null;
  }

  /** Every document with its `lastPosition`, for comparing whole stores. */
  snapshot(): Record<string, StoredDoc> {
    return Object.fromEntries([...this.store].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * A batch whose writes reached the store only for the `stored` collections (as a failed MongoDB
   * bulk write can leave it) and no checkpoint: the caller then replays the batch, as a restart would.
   */
  async partlyStoredBatch(events: readonly RecordedEvent[], stored: readonly string[]): Promise<void> {
    const batch = new ProjectionTestKit(this.projection);
    for (const [key, doc] of this.store) batch.store.set(key, copyOf(doc));
    await batch.run(events);
    const touched = new Set([...this.store.keys(), ...batch.store.keys()]);
    for (const key of [...touched].filter((k) => stored.includes(collectionOf(k)))) {
      const written = batch.store.get(key);
      if (written === undefined) this.store.delete(key);
      else this.store.set(key, written);
    }
  }

  private entries(collection: string): Array<[string, StoredDoc]> {
    const prefix = docKey(collection, '');
    return [...this.store].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private loaded(key: string): Doc | null {
    const doc = this.store.get(key);
    return doc === undefined ? null : deepFreeze(copyOf(doc));
  }

  private write(key: string, doc: Doc, position: number): void {
    if (!isPlainJson(doc)) throw new Error(`${key} is not plain JSON`);
    this.store.set(key, { ...copyOf(doc), lastPosition: position });
  }
}
