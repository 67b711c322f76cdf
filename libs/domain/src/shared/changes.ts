/**
 * Keeps the proposed values that differ from the current ones. Keys proposed as undefined are "not given"
 * and never appear in the result, so the result is safe to store as JSON.
 */
export function changedFields<T extends object>(current: T, proposed: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(proposed) as (keyof T)[]) {
    const value = proposed[key];
    if (value !== undefined && value !== current[key]) changes[key] = value;
  }
  return changes;
}

/** Keeps the proposed values only for fields that are currently empty (null): fill, never overwrite. */
export function emptyFieldsFilled<T extends object>(current: T, proposed: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(proposed) as (keyof T)[]) {
    const value = proposed[key];
    if (value !== undefined && value !== null && current[key] === null) changes[key] = value;
  }
  return changes;
}

export const hasChanges = (changes: object): boolean => Object.keys(changes).length > 0;
