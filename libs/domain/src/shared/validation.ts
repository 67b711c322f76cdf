import { ValidationError, type FieldError } from './errors';

type Parsers = Record<string, () => unknown>;
type Parsed<P extends Parsers> = { [K in keyof P]: ReturnType<P[K]> };

/** Runs every parser and reports all offending fields at once instead of the first one only. */
export function parseFields<P extends Parsers>(parsers: P): Parsed<P> {
  const result: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [key, parse] of Object.entries(parsers)) {
    try {
      result[key] = parse();
    } catch (error: unknown) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.fields);
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return result as Parsed<P>;
}

/** undefined stays undefined (not given), null or blank becomes null (cleared), anything else is parsed. */
export function optional<T>(raw: string | null | undefined, parse: (value: string) => T): T | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  return parse(raw);
}

/** Like `optional` but for creation, where "not given" and "empty" both mean null. */
export function nullable<T>(raw: string | null | undefined, parse: (value: string) => T): T | null {
  return optional(raw, parse) ?? null;
}

export function requireString(raw: unknown, field: string): string {
  if (typeof raw !== 'string') throw ValidationError.field(field, 'is required');
  return raw;
}

/** For required fields in an update: undefined stays "not given", anything else must parse. */
export const given = <T>(raw: unknown, parse: (raw: unknown) => T): T | undefined =>
  raw === undefined ? undefined : parse(raw);

/** Drops keys whose value is undefined, so the object is safe to store as JSON. */
export function definedOnly<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** Creation needs fields that an update may omit: reports every missing one at once. */
export function requireFields<T extends object, K extends keyof T & string>(
  values: T,
  keys: readonly K[],
): T & { [P in K]-?: Exclude<T[P], undefined> } {
  const missing = keys.filter((key) => values[key] === undefined);
  if (missing.length > 0) throw new ValidationError(missing.map((field) => ({ field, message: 'is required' })));
  return values as T & { [P in K]-?: Exclude<T[P], undefined> };
}
