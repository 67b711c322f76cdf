import { ValidationError } from './errors';
import { requireString } from './validation';

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** One line of text: trimmed, inner whitespace collapsed to single spaces, 1..maxLength characters. */
export const SingleLineText = {
  parse(raw: unknown, field: string, maxLength = 200): string {
    const value = requireString(raw, field).replace(/\s+/g, ' ').trim();
    if (value.length === 0) throw ValidationError.field(field, 'must not be empty');
    if (value.length > maxLength) throw ValidationError.field(field, `must be at most ${maxLength} characters`);
    if (CONTROL_CHARS.test(value)) throw ValidationError.field(field, 'must not contain control characters');
    return value;
  },
};

/** Multi-line text such as notes: trimmed, line endings normalised, 1..maxLength characters. */
export const FreeText = {
  parse(raw: unknown, field: string, maxLength = 2000): string {
    const value = requireString(raw, field).replace(/\r\n?/g, '\n').trim();
    if (value.length === 0) throw ValidationError.field(field, 'must not be empty');
    if (value.length > maxLength) throw ValidationError.field(field, `must be at most ${maxLength} characters`);
    if (CONTROL_CHARS.test(value)) throw ValidationError.field(field, 'must not contain control characters');
    return value;
  },
};
