import type { SerializedEvent } from '../serializer';
import { categoryOf } from '../stream-name';
import { packDocument } from './packed-document';
import { CATEGORY, EVENT_TYPE, PLAIN_JSON, type StoredDictionary } from './stored-dictionary';
import { toStoredKey, type StoredKey } from './stored-keys';

/** An event in the columns it is stored in, before the store gives it a position and revision. */
export interface StoredEvent {
  /** As given, for error messages and retries. */
  id: string;
  key: StoredKey;
  type: number;
  shape: number;
  data: string;
  bin: Buffer | null;
}

/** Where a stream's events are: its category's id and the rest of its name (16 bytes when a uuid). */
export interface StoredStream {
  category: number;
  key: StoredKey;
  /** The rest of the name as text: a leaf equal to it is not stored. */
  id: string;
}

export const toStoredStream = (streamName: string, dictionary: StoredDictionary): StoredStream => {
  const category = categoryOf(streamName);
  const id = streamName.slice(category.length + 1);
  return { category: dictionary.idOf(CATEGORY, category), key: toStoredKey(id), id };
};

/** The stream as stored, if its category was ever written; null when no event of it can exist. */
export const knownStoredStream = (streamName: string, dictionary: StoredDictionary): StoredStream | null => {
  const category = dictionary.rowFilter({ categories: [categoryOf(streamName)] }).categories[0];
  if (category < 0) return null;
  const id = streamName.slice(categoryOf(streamName).length + 1);
  return { category, key: toStoredKey(id), id };
};

export const toStoredEvent = (event: SerializedEvent, stream: StoredStream, dictionary: StoredDictionary): StoredEvent => {
  const packed = packDocument(event.data, event.metadata, stream.id);
  const shape = packed === null ? null : dictionary.shapeIdOf(packed.shape);
  const type = dictionary.idOf(EVENT_TYPE, event.type);
  if (packed === null || shape === null) {
    return { id: event.id, key: toStoredKey(event.id), type, shape: PLAIN_JSON, data: JSON.stringify([event.data, event.metadata]), bin: null };
  }
  return { id: event.id, key: toStoredKey(event.id), type, shape, data: packed.values, bin: packed.bin };
};
