import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { LogFilter } from '../event-store.port';
import { matchesFilter, type StreamAndType } from '../log-filter';

export { matchesFilter } from '../log-filter';

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

export const isWanted = (event: StreamAndType, filter: LogFilter | undefined): boolean =>
  !isSystemEvent(event) && matchesFilter(event, filter);
