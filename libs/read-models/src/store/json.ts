export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * Whether a value is plain JSON: what every store keeps exactly as given. No bigint, undefined, NaN
 * or Infinity, Date or other class instances; a cycle counts as not plain (it cannot be written).
 */
export function isPlainJson(value: unknown): boolean {
  try {
    return plain(value);
  } catch {
    return false;
  }
}

function plain(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(plain);
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return false;
  return Object.values(value as object).every(plain);
}
