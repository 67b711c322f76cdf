import { BACKWARDS, FORWARDS, type AppendResult as ClientAppendResult, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import type { AppendResult } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import type { SerializedEvent } from '../serializer';
import { isClientStreamNotFound, usablePosition } from './esdb-mapping';
import { drain } from './esdb-reads';

type Reader = Pick<EventStoreDBClient, 'readStream'>;

/**
 * The server answers an idempotent retry with the revision and log position of the last retried
 * event, which is what the first append returned. Older servers sent no position for a retry (-1,
 * which the client turns into undefined): the position is then read back from the stream.
 */
export const toAppendResult = async (
  client: Reader,
  streamName: string,
  events: readonly SerializedEvent[],
  result: ClientAppendResult,
): Promise<AppendResult> => {
  const nextExpectedRevision = Number(result.nextExpectedRevision);
  const position = usablePosition(result.position);
  if (position !== undefined) return { nextExpectedRevision, position };
  return locateLast(client, streamName, events[events.length - 1].id, nextExpectedRevision, events.length);
};

/**
 * After an attempt whose outcome is unknown, a refused retry may mean the first attempt was stored:
 * with an explicit expectation the events would sit right after it, so they are looked for there, by
 * id and in order. Found, the append succeeded, and the answer is what the first attempt would have
 * given; not found, the refusal stands. 'any' is never refused; 'stream_exists' is only when there is no stream.
 */
export const findStoredAppend = async (
  client: Reader,
  streamName: string,
  expected: ExpectedRevision,
  events: readonly SerializedEvent[],
): Promise<AppendResult | null> => {
  if (expected === 'any' || expected === 'stream_exists') return null;
  const first = expected === 'no_stream' ? 0 : expected + 1;
  const stored: { id: string; revision: bigint; position?: Position }[] = [];
  try {
    const read = client.readStream(streamName, { direction: FORWARDS, fromRevision: BigInt(first), maxCount: events.length });
    for await (const resolved of drain(read)) if (resolved.event) stored.push(resolved.event);
  } catch (error) {
    if (isClientStreamNotFound(error)) return null;
    throw error;
  }
  if (stored.length !== events.length || stored.some((event, i) => event.id.toLowerCase() !== events[i].id.toLowerCase())) return null;
  const last = stored[stored.length - 1];
  const nextExpectedRevision = Number(last.revision);
  const position = usablePosition(last.position);
  if (position !== undefined) return { nextExpectedRevision, position };
  return locateLast(client, streamName, events[events.length - 1].id, nextExpectedRevision, 1);
};

const locateLast = async (client: Reader, streamName: string, id: string, fromRevision: number, window: number): Promise<AppendResult> => {
  const read = client.readStream(streamName, { direction: BACKWARDS, fromRevision: BigInt(fromRevision), maxCount: window });
  for await (const resolved of drain(read)) {
    const event = resolved.event;
    const position = usablePosition(event?.position);
    if (event && position !== undefined && event.id.toLowerCase() === id.toLowerCase()) {
      return { nextExpectedRevision: Number(event.revision), position };
    }
  }
  throw new Error(`Appended event ${id} was not found in ${streamName} at or before revision ${fromRevision}`);
};
