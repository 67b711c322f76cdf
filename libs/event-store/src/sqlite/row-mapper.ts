import type { RecordedEvent } from '../events';
import type { EventSerializer } from '../serializer';
import type { StoredDictionary } from './stored-dictionary';
import { hexStream, keyFromRow, type EventRow } from './sqlite-statements';
import { flatText } from './hex-text';

/** Reading the whole log is the projector's hot path: one object per row when nothing needs upcasting. */
export const toRecordedEvent = (row: EventRow, dictionary: StoredDictionary, serializer: EventSerializer): RecordedEvent => {
  const prefix = dictionary.streamPrefixOf(row[1]);
  // One flat string (see hex-text.ts): projections keep the name, and slice and compare it at every event.
  const streamName = hexStream(row[2]) ? dictionary.uuidStreamNameOf(row[1])(row[2]) : flatText(prefix + row[2].slice(1));
  const streamId = streamName.slice(prefix.length);
  const type = dictionary.nameOf(row[5]);
  const [data, metadata] = dictionary.unpack(row[6], row[7], row[8], streamId);
  if (serializer.passesThrough(type)) {
    return {
      id: keyFromRow(row[4]),
      type,
      data,
      metadata: metadata as RecordedEvent['metadata'],
      streamName,
      revision: row[3],
      position: BigInt(row[0]),
      recordedAt: new Date(row[9]),
    };
  }
  const event = serializer.deserialize({ id: keyFromRow(row[4]), type, data, metadata });
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

