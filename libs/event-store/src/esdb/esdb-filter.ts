import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { LogFilter } from '../event-store.port';
import { categoryOf } from '../stream-name';

interface StreamAndType {
  streamId: string;
  type: string;
}

/** EventStoreDB's own events ($>, $metadata, $UserCreated…) and streams ($users, $ce-lead…) are not ours. */
export const isSystemEvent = ({ streamId, type }: StreamAndType): boolean =>
  streamId.startsWith('$') || type.startsWith('$');

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
const escapeRegex = (text: string): string => text.replace(REGEX_SPECIALS, '\\$&');

/**
 * The one filter the server applies (it takes a single stream-name or event-type expression).
 * Categories go as stream-name prefixes `<category>-`; a category has no dash, so a prefix is exact.
 * Whatever the server cannot take is checked again on the client by `isWanted`.
 */
export const serverFilter = (filter: LogFilter | undefined): Filter => {
  if (filter?.categories?.length) {
    return streamNameFilter({ prefixes: filter.categories.map((category) => `${category}-`) });
  }
  if (filter?.eventTypes?.length) {
    return eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return excludeSystemEvents();
};

/** The full filter, as the SQLite adapter applies it; an empty or missing list does not filter. */
export const matchesFilter = ({ streamId, type }: StreamAndType, filter: LogFilter | undefined): boolean => {
  const categories = filter?.categories ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (categories.length === 0 || categories.includes(categoryOf(streamId))) &&
    (types.length === 0 || types.includes(type))
  );
};

export const isWanted = (event: StreamAndType, filter: LogFilter | undefined): boolean =>
  !isSystemEvent(event) && matchesFilter(event, filter);
