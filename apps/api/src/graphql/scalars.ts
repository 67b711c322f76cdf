import { GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

/**
 * Exact decimal amounts travel as strings ("12500.00"): a JSON number would become a float on the
 * client. Only the shape is checked here; the domain checks it against the currency's decimals.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "12500.00".',
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

const parseDecimal = (value: unknown): string => {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new TypeError(`Decimal must be a string such as "12500.00", got ${JSON.stringify(value)}`);
  }
  return value;
};

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an ISO 8601 string names, or null unless each part is real: a calendar date (no
 * February 30th, no February 29th outside leap years), hours 00-23, minutes and seconds 00-59 (no
 * leap second, no 24:00), an offset of at most 23:59. `new Date()` alone would roll 2026-02-30 over
 * to March 2nd, so the date is built from its parts and must come back as written.
 */
export const parseInstant = (text: string): Date | null => {
  const match = ISO_INSTANT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [fraction = '.', sign, offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (hour > 23 || minute > 59 || second > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0-99 as 1900-1999.
  local.setUTCFullYear(year, month - 1, day);
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) return null;
  // Milliseconds from the digits, not from a float: digits past the third are cut, as Date.parse does.
  local.setUTCHours(hour, minute, second, Number(`${fraction.slice(1)}000`.slice(0, 3)));
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  return new Date(local.getTime() - offset * 60_000);
};

const toDate = (value: unknown): Date => {
  const date = value instanceof Date ? value : typeof value === 'string' ? parseInstant(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new TypeError(
      `DateTime must be a real ISO 8601 instant with a zone, e.g. "2026-11-27T09:30:00Z", got ${JSON.stringify(value)}`,
    );
  }
  return date;
};

/** ISO 8601 instants. Read models keep times as ISO strings, so both strings and Dates serialise. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO 8601 instant with a time zone, e.g. "2026-11-27T09:30:00Z".',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: (value) => toDate(value),
  parseLiteral: (ast) => toDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
