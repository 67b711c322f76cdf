import type { RecordedEvent } from '@crm/event-store';
import { isPlainJson, type JsonScalar, type JsonValue } from '../../store/json';
import type { Doc, FieldFilter, Filter, RangeOperand } from '../../store/read-store.port';
import type { Projection, ProjectionDocs } from '../projection';

type StoredDoc = Doc & { lastPosition: number };

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

const keyOf = (collection: string, id: string): string => `${collection}/${id}`;

/** The event was applied before: one of its documents already carries its position or a later one. */
const ALREADY_APPLIED = Symbol('already applied');

/**
 * Runs a projection the way the projector does, in memory: hands `apply` frozen copies, runs it twice
 * per event and requires the same writes (it must be deterministic), stamps `lastPosition`, and skips
 * an event whose documents already carry its position. Only for pure tests: no batching, no I/O.
 */
export class ProjectionTestKit {
  private readonly store = new Map<string, StoredDoc>();

  constructor(readonly projection: Projection) {}

  async run(events: readonly RecordedEvent[]): Promise<this> {
    for (const event of events) this.apply(event);
    return this;
  }

  apply(event: RecordedEvent): void {
    const first = this.attempt(event);
    const second = this.attempt(event);
    if (JSON.stringify([...first]) !== JSON.stringify([...second])) {
      throw new Error(`${this.projection.name} wrote different documents for the same ${event.type}`);
    }
    const position = Number(event.position);
    for (const [key, doc] of second) this.store.set(key, { ...doc, lastPosition: position });
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

  /** The writes of one run of `apply` (none when the event was applied before). */
  private attempt(event: RecordedEvent): Map<string, Doc> {
    const position = Number(event.position);
    const written = new Map<string, Doc>();
    const seen = (key: string): boolean => (this.store.get(key)?.lastPosition ?? -1) >= position;
    const docs: ProjectionDocs = {
      get: <T extends Doc>(collection: string, id: string): T | null => {
        const key = keyOf(collection, id);
        if (seen(key)) throw ALREADY_APPLIED;
        const doc = written.get(key) ?? this.store.get(key);
        return doc === undefined ? null : (deepFreeze(copyOf(doc)) as T);
      },
      put: (collection, doc, options) => {
        const key = keyOf(collection, doc.id);
        // The projector takes the projection's word for it and reads nothing: here it is checked.
        if (options?.unstored === true && this.store.has(key)) throw new Error(`${key} is put as unstored, but it is stored`);
        if (seen(key)) throw ALREADY_APPLIED;
        if (!isPlainJson(doc)) throw new Error(`${key} is not plain JSON`);
        written.set(key, copyOf(doc));
      },
    };
    try {
      this.projection.apply(event, docs);
    } catch (error) {
      if (error === ALREADY_APPLIED) return new Map();
      throw error;
    }
    return written;
  }

  private entries(collection: string): Array<[string, StoredDoc]> {
    const prefix = keyOf(collection, '');
    return [...this.store].filter(([key]) => key.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
  }
}
