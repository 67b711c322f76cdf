import { InvalidEventStoreRequestError } from './errors';
import type { NewEvent } from './events';
import type { ExpectedRevision } from './expected-revision';
import type { LogFilter } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const METADATA_STRINGS = ['actor', 'commandId', 'correlationId', 'causationId', 'occurredAt'] as const;
const MAX_DEPTH = 64;

const invalid = (field: string, message: string): never => {
  throw new InvalidEventStoreRequestError(message, field);
};

/**
 * JSON.stringify silently drops undefined and functions and turns NaN into null, so a value that
 * "serialises" may not round-trip. Only values that come back identical are accepted. Every append
 * checks every event's data and metadata: the walk that names the offending field (building a path
 * for each value it visits) runs only once the quick one has found something to refuse.
 */
export const assertJsonValue = (value: unknown, field: string, depth = 0): void => {
  if (!isJsonValue(value, depth)) refuseNonJson(value, field, depth);
};

/** What refuseNonJson accepts, without naming anything: no string is made per value. */
const isJsonValue = (value: unknown, depth: number): boolean => {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      // A hole is skipped, as forEach skips it.
      if (!isJsonValue(value[i], depth + 1) && i in value) return false;
    }
    return true;
  }
  if (typeof value !== 'object' || !isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
};

const refuseNonJson = (value: unknown, field: string, depth: number): void => {
  if (depth > MAX_DEPTH) invalid(field, `${field} is nested deeper than ${MAX_DEPTH} levels (or is cyclic)`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(field, `${field} is ${value}, which JSON cannot represent`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => refuseNonJson(item, `${field}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) refuseNonJson(item, `${field}.${key}`, depth + 1);
    return;
  }
  invalid(field, `${field} is a ${describeType(value)}, which is not JSON`);
};

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const describeType = (value: unknown): string =>
  typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;

export const assertNewEvents = (events: readonly NewEvent[]): void => {
  if (!Array.isArray(events) || events.length === 0) invalid('events', 'An append needs at least one event');
  const seen = new Set<string>();
  events.forEach((event, i) => {
    assertNewEvent(event, `events[${i}]`);
    if (seen.has(event.id.toLowerCase())) invalid(`events[${i}].id`, `Event id ${event.id} appears twice in one append`);
    seen.add(event.id.toLowerCase());
  });
};

const assertNewEvent = (event: NewEvent, field: string): void => {
  if (typeof event !== 'object' || event === null) invalid(field, `${field} is not an event`);
  if (typeof event.id !== 'string' || !UUID.test(event.id)) invalid(`${field}.id`, `${field}.id must be a uuid`);
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    invalid(`${field}.type`, `${field}.type must be a name like LeadCaptured`);
  }
  assertObject(event.data, `${field}.data`);
  assertObject(event.metadata, `${field}.metadata`);
  for (const key of METADATA_STRINGS) {
    if (typeof event.metadata[key] !== 'string' || event.metadata[key] === '') {
      invalid(`${field}.metadata.${key}`, `${field}.metadata.${key} must be a non-empty string`);
    }
  }
  if (Number.isNaN(Date.parse(event.metadata.occurredAt))) {
    invalid(`${field}.metadata.occurredAt`, `${field}.metadata.occurredAt must be an ISO 8601 instant`);
  }
};

const assertObject = (value: unknown, field: string): void => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, `${field} must be a JSON object`);
  assertJsonValue(value, field);
};

export const assertExpectedRevision = (expected: unknown): ExpectedRevision => {
  if (expected === 'no_stream' || expected === 'any' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  return invalid(
    'expectedRevision',
    `Unknown expected revision ${JSON.stringify(expected)}: use 'no_stream', 'any', 'stream_exists' or a revision >= 0`,
  );
};

export const assertCount = (value: unknown, field: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return invalid(field, `${field} must be an integer >= 0`);
};

export const assertPosition = (value: unknown, field: string): bigint | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'bigint' && value >= 0n) return value;
  return invalid(field, `${field} must be a bigint position >= 0`);
};

export const assertFilter = (filter: LogFilter | undefined): void => {
  if (filter === undefined) return;
  for (const key of ['categories', 'eventTypes'] as const) {
    const list = filter[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s === ''))) {
      invalid(`filter.${key}`, `filter.${key} must be a list of non-empty strings`);
    }
  }
};
