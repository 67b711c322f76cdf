import { ValidationError } from './errors';

export type EnumObject<T extends string> = { readonly [K in T]: K };

/** A string enum as a frozen object ({ NEW: 'NEW', ... }), usable as a GraphQL enum and as a type. */
export function enumOf<const T extends string>(values: readonly T[]): EnumObject<T> {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as EnumObject<T>;
}

export function parseEnum<T extends string>(values: readonly T[], raw: unknown, field: string): T {
  const value = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw ValidationError.field(field, `must be one of ${values.join(', ')}`);
  }
  return value as T;
}
