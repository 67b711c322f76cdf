import type { RecordedEvent } from '@crm/event-store';
import type { Doc } from '../store/read-store.port';
import type { JsonValue } from '../store/json';
import type { ProjectionDocs } from './projection';

/** The business time of an event (metadata.occurredAt), falling back to when it was recorded. */
export const occurredAt = (event: RecordedEvent): string => {
  const at = event.metadata.occurredAt;
  return typeof at === 'string' ? at : event.recordedAt.toISOString();
};

/** The one document of `collection` an event addresses, or an error that parks the event. */
export const requireDoc = <T extends Doc = Doc>(docs: ProjectionDocs, collection: string, id: string, event: RecordedEvent): T => {
  const doc = docs.get<T>(collection, id);
  if (!doc) throw new Error(`${event.type} at ${event.streamName}@${event.revision} addresses ${collection}/${id}, which does not exist`);
  return doc;
};

/** Copies only the keys present in `changes` (a `*Updated` event carries just the changed fields). */
export const pickChanges = <K extends string>(changes: Partial<Record<K, JsonValue>>, keys: readonly K[]): Partial<Record<K, JsonValue>> => {
  const picked: Partial<Record<K, JsonValue>> = {};
  for (const key of keys) if (Object.hasOwn(changes, key)) picked[key] = changes[key] as JsonValue;
  return picked;
};

/** An email as people mean it, whatever its letter case: what an access request searches by. */
export const emailKey = (email: unknown): string | null => (typeof email === 'string' ? email.toLowerCase() : null);

export const fullName = (first: unknown, last: unknown): string => `${String(first ?? '')} ${String(last ?? '')}`.trim();
