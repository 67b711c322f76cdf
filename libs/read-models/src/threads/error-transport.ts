/** An error as it crosses between threads: its class by name and its own fields. */
export interface SerializedError {
  className: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

export type ErrorClass = abstract new (...args: never[]) => Error;

const isErrorClass = (value: unknown): value is ErrorClass =>
  typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Error;

/** Every error class some modules export, by name: what a thread's errors may be revived as. */
export const errorClassesOf = (...modules: ReadonlyArray<Record<string, unknown>>): ReadonlyMap<string, ErrorClass> =>
  new Map(modules.flatMap((exports) => Object.values(exports).filter(isErrorClass).map((Class) => [Class.name, Class] as const)));

export const serializeError = (error: unknown): SerializedError => {
  if (!(error instanceof Error)) return { className: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    // Only what survives structured cloning; anything else would fail the whole message.
    try {
      fields[key] = structuredClone(value);
    } catch {
      fields[key] = String(value);
    }
  }
  return { className: error.constructor.name, message: error.message, stack: error.stack, fields };
};

/** The error as an instance of the class it was thrown as (a plain Error for classes not in `classes`). */
export const reviveError = (serialized: SerializedError, classes: ReadonlyMap<string, ErrorClass>): Error => {
  const Class = classes.get(serialized.className);
  const error: Error = Class === undefined ? new Error(serialized.message) : Object.create(Class.prototype);
  Object.defineProperty(error, 'message', { value: serialized.message, writable: true, configurable: true });
  if (serialized.stack !== undefined) Object.defineProperty(error, 'stack', { value: serialized.stack, writable: true, configurable: true });
  return Object.assign(error, serialized.fields);
};
