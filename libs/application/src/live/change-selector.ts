import { EntityId, STREAM_CATEGORY, STREAM_TYPES, ValidationError, type FieldError, type StreamType } from '@crm/domain';
import type { LogFilter } from '@crm/event-store';
import type { EntityChange, EntityChangeFilter } from './entity-change';

/** A validated EntityChangeFilter: null where any value matches. */
export interface ChangeSelector {
  readonly ids: ReadonlySet<string> | null;
  readonly types: ReadonlySet<StreamType> | null;
}

/** Checks every id and type (fields `filter.ids[i]`, `filter.types[i]`); ids are compared lower-case, as stored. */
export const selectorOf = (filter: EntityChangeFilter): ChangeSelector => {
  const errors: FieldError[] = [];
  const ids = (filter.ids ?? []).map((raw, index) => {
    try {
      return EntityId.parse(raw, `filter.ids[${index}]`);
    } catch (error) {
      if (error instanceof ValidationError) errors.push(...error.fields);
      return '';
    }
  });
  const types = filter.types ?? [];
  types.forEach((type, index) => {
    if (!STREAM_TYPES.includes(type)) errors.push({ field: `filter.types[${index}]`, message: `must be one of ${STREAM_TYPES.join(', ')}` });
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return { ids: ids.length > 0 ? new Set(ids) : null, types: types.length > 0 ? new Set(types) : null };
};

export const selects = (selector: ChangeSelector, change: EntityChange): boolean =>
  (selector.ids === null || selector.ids.has(change.id)) && (selector.types === null || selector.types.has(change.type));

/** The narrowest read of the log that still holds every change the selector takes (its types' categories). */
export const logFilterOf = (selector: ChangeSelector): LogFilter | undefined =>
  selector.types === null ? undefined : { categories: [...selector.types].map((type) => STREAM_CATEGORY[type]) };
