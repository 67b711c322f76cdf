import type { SerializedEvent } from '../serializer';
import { categoryOf } from '../stream-name';
import { packDocument } from './packed-document';
import { CATEGORY, EVENT_TYPE, type StoredDictionary } from './stored-dictionary';
import { ID_TEXT, rowShapeText, STREAM_TEXT } from './row-shape';
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
  /** The category's name. */
  name: string;
  key: StoredKey;
  /** The rest of the name as text: a leaf equal to it is not stored. */
  id: string;
}

export const toStoredStream = (streamName: string, dictionary: StoredDictionary): StoredStream => {
  const category = categoryOf(streamName);
  const id = streamName.slice(category.length + 1);
  return { category: dictionary.idOf(CATEGORY, category), name: category, key: toStoredKey(id), id };
};

/** The stream as stored, if its category was ever written; null when no event of it can exist. */
export const knownStoredStream = (streamName: string, dictionary: StoredDictionary): StoredStream | null => {
  const name = categoryOf(streamName);
  const category = dictionary.rowFilter({ categories: [name] }).categories[0];
  if (category < 0) return null;
  const id = streamName.slice(name.length + 1);
  return { category, name, key: toStoredKey(id), id };
};

export const toStoredEvent = (event: SerializedEvent, stream: StoredStream, dictionary: StoredDictionary): StoredEvent => {
  const key = toStoredKey(event.id);
  const type = dictionary.idOf(EVENT_TYPE, event.type);
  const leading = leadingTexts(stream, event.id, key);
  const packed = packDocument(event.data, event.metadata, stream.id, leading, { idMs: version7Time(key), namesInShape: dictionary.roomForNameLists });
  const shape = packed === null ? null : dictionary.shapeIdOf(rowShapeText(stream.name, event.type, keyForm(stream, key), packed.shape), true);
  if (packed === null || shape === null) return toPlainStoredEvent(event, stream, JSON.stringify([...leading, event.data, event.metadata]), dictionary);
  return { id: event.id, key, type, shape, data: packed.values, bin: packed.bin };
};

/**
 * An event whose data and metadata are kept as they are: `documents`, the JSON array of the keys kept
 * as text (see leadingTexts), the data and the metadata. Also what keeps a stored text that no longer
 * parses: it stays unreadable, as it was.
 */
export const toPlainStoredEvent = (event: { id: string; type: string }, stream: StoredStream, documents: string, dictionary: StoredDictionary): StoredEvent => {
  const key = toStoredKey(event.id);
  const shape = dictionary.shapeIdOf(rowShapeText(stream.name, event.type, keyForm(stream, key), null), false) as number;
  return { id: event.id, key, type: dictionary.idOf(EVENT_TYPE, event.type), shape, data: documents, bin: null };
};

/** The keys that are not kept as 16 bytes, in the order a row's array starts with them. */
export const leadingTexts = (stream: StoredStream, id: string, key: StoredKey): string[] => {
  const texts = typeof stream.key === 'string' ? [stream.id] : [];
  if (typeof key === 'string') texts.push(id);
  return texts;
};

/** The milliseconds a version 7 uuid kept as 16 bytes starts with; null for any other key. */
const version7Time = (key: StoredKey): number | null => (typeof key !== 'string' && key[6] >> 4 === 7 ? key.readUIntBE(0, 6) : null);

const keyForm = (stream: StoredStream, key: StoredKey): number =>
  (typeof stream.key === 'string' ? STREAM_TEXT : 0) | (typeof key === 'string' ? ID_TEXT : 0);
