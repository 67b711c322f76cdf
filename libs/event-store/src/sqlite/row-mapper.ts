import type { RecordedEvent } from '../events';
import type { JsonObject, JsonValue } from '../json';
import type { EventSerializer } from '../serializer';
import type { StoredDictionary } from './stored-dictionary';
import { UUID_DIGITS, type EventRow } from './sqlite-statements';
import { flatText, uuidAt } from './hex-text';

/** Reading the whole log is the projector's hot path: one object per row when nothing needs upcasting. */
export const toRecordedEvent = (row: EventRow, dictionary: StoredDictionary, serializer: EventSerializer): RecordedEvent => {
  const shape = dictionary.rowShape(row[1]);
  const values = JSON.parse(row[4]) as JsonValue[];
  const digits = row[5];
  let next = 0;
  let at = 0;
  let streamName: string;
  let streamId: string;
  if (shape.streamText) {
    streamId = values[next++] as string;
    // One flat string: projections keep the name, and slice and compare it at every event.
    streamName = flatText(shape.prefix + streamId);
    at += 2 * Buffer.byteLength(streamId);
  } else {
    // The uuid first, then the name joined from the prefix and it: both flat, and one function for
    // every category (a String.fromCharCode compiled per category prefix cost the optimising compiler
    // more, in a fresh process, than the join costs over a whole log of 100,000 events).
    streamId = uuidAt(digits, at);
    streamName = [shape.prefix, streamId].join('');
    at += UUID_DIGITS;
  }
  let id: string;
  let idAt = -1;
  if (shape.idText) {
    id = values[next++] as string;
    at += 2 * Buffer.byteLength(id);
  } else {
    idAt = at;
    id = uuidAt(digits, at);
    at += UUID_DIGITS;
  }
  const [data, metadata] = shape.unpack === null
    ? [values[next] as JsonObject, values[next + 1] as JsonObject]
    : shape.unpack(values, next, digits, at, streamId, idAt);
  if (serializer.passesThrough(shape.type)) {
    return {
      id,
      type: shape.type,
      data,
      metadata: metadata as RecordedEvent['metadata'],
      streamName,
      revision: row[2],
      position: BigInt(row[0]),
      recordedAt: new Date(row[3]),
    };
  }
  const event = serializer.deserialize({ id, type: shape.type, data, metadata });
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    streamName,
    revision: row[2],
    position: BigInt(row[0]),
    recordedAt: new Date(row[3]),
  };
};
