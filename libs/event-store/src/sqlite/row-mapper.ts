import type { RecordedEvent } from '../events';
import type { EventSerializer } from '../serializer';
import type { StoredDictionary } from './stored-dictionary';
import { UUID_DIGITS, type EventRow } from './sqlite-statements';
import { flatText, uuidAt } from './hex-text';

/** Reading the whole log is the projector's hot path: one object per row when nothing needs upcasting. */
export const toRecordedEvent = (row: EventRow, dictionary: StoredDictionary, serializer: EventSerializer): RecordedEvent => {
  const prefix = dictionary.streamPrefixOf(row[1]);
  // One flat string (see hex-text.ts): projections keep the name, and slice and compare it at every event.
  const digits = row[2];
  const streamText = row[4];
  const idText = row[5];
  const streamName = streamText === null ? dictionary.uuidStreamNameOf(row[1])(digits) : flatText(prefix + streamText);
  const streamId = streamName.slice(prefix.length);
  const idAt = streamText === null ? UUID_DIGITS : 0;
  const id = idText ?? uuidAt(digits, idAt);
  const type = dictionary.nameOf(row[6]);
  const [data, metadata] = dictionary.unpack(row[7], row[8], digits, idText === null ? idAt + UUID_DIGITS : idAt, streamId);
  if (serializer.passesThrough(type)) {
    return {
      id,
      type,
      data,
      metadata: metadata as RecordedEvent['metadata'],
      streamName,
      revision: row[3],
      position: BigInt(row[0]),
      recordedAt: new Date(row[9]),
    };
  }
  const event = serializer.deserialize({ id, type, data, metadata });
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamName,
    revision: row[3],
    position: BigInt(row[0]),
    recordedAt: new Date(row[9]),
  };
};

