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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const toDate = (value: unknown): Date => {
  const date = value instanceof Date ? value : typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new TypeError(`DateTime must be an ISO 8601 instant with a zone, e.g. "2026-11-27T09:30:00Z", got ${JSON.stringify(value)}`);
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
