import type { JsonValue } from '../json';
import type { Doc, SortKey } from '../read-store.port';
import { getPath } from '../doc-path';

/** The documented order, written independently of the adapters: missing = null < numbers < strings < booleans. */
export function compareValues(a: JsonValue | undefined, b: JsonValue | undefined): number {
  const rank = (v: JsonValue | undefined): number => (v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  return 0;
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** `sort` as the store completes it: the requested keys, then id in the last key's direction. */
export function referenceSort<T extends Doc>(docs: T[], requested: SortKey[]): T[] {
  const keys = requested.some((k) => k.field === 'id') ? requested : [...requested, { field: 'id', direction: requested.at(-1)?.direction ?? 'asc' }];
  return [...docs].sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(getPath(a, key.field), getPath(b, key.field));
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  });
}
