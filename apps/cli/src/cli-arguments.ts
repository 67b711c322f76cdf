import { InvalidArgumentError } from 'commander';
import { CalendarDate, Currency, EntityId, Instant, STREAM_CATEGORY, STREAM_TYPES, UserId, type StreamType } from '@crm/domain';
import { EXPORT_FORMATS, isRole, ROLES, type ExportFormat, type Role } from '@crm/application';
import { ALL_PROJECTIONS } from '@crm/read-models';

/**
 * Option and argument parsers. They throw commander's InvalidArgumentError, which commander reports
 * with the option's name; the program maps it to exit code 2.
 */
export const instant = (raw: string): Date => {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
  try {
    return new Date(Instant.parse(value));
  } catch {
    throw new InvalidArgumentError(`"${raw}" is not an instant: use ISO 8601 with a zone, e.g. 2025-03-01T12:00:00Z, or a date (00:00 UTC)`);
  }
};

export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => (raw: string): number => {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`"${raw}" is not a whole number from ${min} to ${max}`);
  }
  return value;
};

export const uuid = (raw: string): string => {
  if (!EntityId.isValid(raw.trim().toLowerCase())) throw new InvalidArgumentError(`"${raw}" is not a uuid`);
  return raw.trim().toLowerCase();
};

const STREAM_TYPE_NAMES = STREAM_TYPES.map((type) => STREAM_CATEGORY[type]);

export const streamType = (raw: string): StreamType => {
  const type = STREAM_TYPES.find((t) => STREAM_CATEGORY[t] === raw.trim().toLowerCase());
  if (!type) throw new InvalidArgumentError(`"${raw}" is not one of ${STREAM_TYPE_NAMES.join(', ')}`);
  return type;
};

/** Repeatable and comma-separated: `--category lead,account` or `--category lead --category account`. */
export const categories = (raw: string, previous: string[] = []): string[] => {
  const given = raw.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
  const unknown = given.filter((c) => !STREAM_TYPE_NAMES.includes(c));
  if (unknown.length || given.length === 0) throw new InvalidArgumentError(`"${raw}": categories are ${STREAM_TYPE_NAMES.join(', ')}`);
  return [...previous, ...given];
};

export const roles = (raw: string, previous: Role[] = []): Role[] => {
  const given = raw.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
  const unknown = given.filter((r) => !isRole(r));
  if (unknown.length || given.length === 0) throw new InvalidArgumentError(`"${raw}": roles are ${ROLES.join(', ')}`);
  return [...new Set([...previous, ...(given as Role[])])];
};

export const exportFormat = (raw: string): ExportFormat => {
  const format = raw.trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new InvalidArgumentError(`"${raw}" is not one of ${EXPORT_FORMATS.join(', ')}`);
  return format as ExportFormat;
};

/** `90`, `90s`, `15m`, `8h`, `30d` as seconds. */
export const duration = (raw: string): number => {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  const seconds = match ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new InvalidArgumentError(`"${raw}" is not a duration such as 900, 15m, 8h or 30d`);
  return seconds;
};

/** A projection's name, checked before any store is opened (a typo creates no data files). */
export const projectionName = (raw: string): string => {
  const names = ALL_PROJECTIONS.map((projection) => projection.name);
  if (!names.includes(raw)) throw new InvalidArgumentError(`"${raw}" is not a projection: ${names.join(', ')}`);
  return raw;
};

/** A user id as tokens carry it (`sub`), such as an opportunity's owner. */
export const userId = (raw: string): string => {
  try {
    return UserId.parse(raw, 'owner');
  } catch {
    throw new InvalidArgumentError(`"${raw}" is not a user id: one line of at most 200 characters without spaces`);
  }
};

export const currency = (raw: string): string => {
  try {
    return Currency.parse(raw);
  } catch {
    throw new InvalidArgumentError(`"${raw}" is not an ISO 4217 currency code such as EUR`);
  }
};

/** `YYYY-MM` or `YYYY-MM-DD`, given back as `YYYY-MM`: close dates are filtered by month, as the pipeline's are. */
export const month = (raw: string): string => {
  const value = raw.trim();
  try {
    return CalendarDate.parse(/^\d{4}-\d{2}$/.test(value) ? `${value}-01` : value).slice(0, 7);
  } catch {
    throw new InvalidArgumentError(`"${raw}" is not a month: use YYYY-MM or a date YYYY-MM-DD`);
  }
};

/** One of a fixed set of words, in any case; given back as the set spells it. */
export const oneOf = <T extends string>(allowed: readonly T[]) => (raw: string): T => {
  const found = allowed.find((word) => word.toLowerCase() === raw.trim().toLowerCase());
  if (found === undefined) throw new InvalidArgumentError(`"${raw}" is not one of ${allowed.join(', ')}`);
  return found;
};
