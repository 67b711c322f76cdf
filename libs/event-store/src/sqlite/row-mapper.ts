import type { RecordedEvent } from '../events';
import type { EventSerializer } from '../serializer';
import type { EventRow } from './sqlite-statements';

/** Reading the whole log is the projector's hot path: one object per row when nothing needs upcasting. */
export const toRecordedEvent = (row: EventRow, serializer: EventSerializer): RecordedEvent => {
  if (serializer.passesThrough(row[4])) {
    return {
      id: row[3],
      type: row[4],
      data: JSON.parse(row[5]),
      metadata: JSON.parse(row[6]),
      streamName: row[1],
      revision: row[2],
      position: BigInt(row[0]),
      recordedAt: new Date(row[7]),
    };
  }
  const event = serializer.deserialize({ id: row[3], type: row[4], data: JSON.parse(row[5]), metadata: JSON.parse(row[6]) });
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamName: row[1],
    revision: row[2],
    position: BigInt(row[0]),
    recordedAt: new Date(row[7]),
  };
};
