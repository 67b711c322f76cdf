import { SingleLineText } from './text';

export const NAME_MAX_LENGTH = 200;

/** A natural person's first or last name: trimmed, whitespace collapsed, 1..200 characters. */
export const PersonName = {
  parse: (raw: unknown, field = 'name'): string => SingleLineText.parse(raw, field, NAME_MAX_LENGTH),
};

/** A legal entity's name: same normalisation as a person's name. */
export const OrganisationName = {
  parse: (raw: unknown, field = 'name'): string => SingleLineText.parse(raw, field, NAME_MAX_LENGTH),
};
