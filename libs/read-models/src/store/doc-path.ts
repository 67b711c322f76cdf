import type { JsonValue } from './json';
import { InvalidQueryError } from './read-store.errors';

type JsonRecord = { [key: string]: JsonValue };

export function getPath(doc: JsonRecord, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = doc;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/**
 * Sets dotted paths in place, creating missing intermediate objects. A path through null,
 * a scalar or an array is refused, as MongoDB's `$set` refuses it.
 */
export function applySet(doc: JsonRecord, set: Record<string, JsonValue>): void {
  for (const [path, value] of Object.entries(set)) {
    const segments = path.split('.');
    let parent: JsonRecord = doc;
    for (const segment of segments.slice(0, -1)) {
      const next: JsonValue | undefined = parent[segment];
      if (next === undefined) parent = parent[segment] = {};
      else if (typeof next === 'object' && next !== null && !Array.isArray(next)) parent = next;
      else throw new InvalidQueryError(`Cannot set ${path}: ${segment} is not an object`, `set.${path}`);
    }
    parent[segments[segments.length - 1]] = value;
  }
}

/**
 * The smallest string above every string that starts with `prefix`, in code-point order
 * (the UTF-8 byte order both SQLite and MongoDB compare by); null if there is none.
 */
export function prefixUpperBound(prefix: string): string | null {
  const codePoints = Array.from(prefix, (ch) => ch.codePointAt(0) as number);
  while (codePoints.length > 0) {
    const last = codePoints.pop() as number;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return String.fromCodePoint(...codePoints, next);
    }
  }
  return null;
}
