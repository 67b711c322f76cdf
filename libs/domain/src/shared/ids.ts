import { ValidationError } from './errors';
import { SingleLineText } from './text';
import { requireString } from './validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Aggregate ids are UUIDs chosen by the caller, stored lowercase. */
export const EntityId = {
  parse(raw: unknown, field = 'id'): string {
    const value = requireString(raw, field).trim().toLowerCase();
    if (!UUID.test(value)) throw ValidationError.field(field, 'must be a UUID');
    return value;
  },
  isValid: (raw: string): boolean => UUID.test(raw),
};

/** A user id as issued by the identity provider (the token's `sub`): opaque, one line, no spaces. */
export const UserId = {
  parse(raw: unknown, field = 'ownerId'): string {
    const value = SingleLineText.parse(raw, field, 200);
    if (/\s/.test(value)) throw ValidationError.field(field, 'must not contain spaces');
    return value;
  },
};
