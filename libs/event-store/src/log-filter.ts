import type { LogFilter } from './event-store.port';
import { categoryOf } from './stream-name';

export interface StreamAndType {
  streamId: string;
  type: string;
}

/** A LogFilter applied in memory, as the SQLite adapter's queries apply it; an empty or missing list does not filter. */
export const matchesFilter = ({ streamId, type }: StreamAndType, filter: LogFilter | undefined): boolean => {
  const categories = filter?.categories ?? [];
  const types = filter?.eventTypes ?? [];
  return (
    (categories.length === 0 || categories.includes(categoryOf(streamId))) &&
    (types.length === 0 || types.includes(type))
  );
};
