import {
  ANY,
  AccessDeniedError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { randomUUID } from 'node:crypto';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import type { NewEvent } from '../events';
import { EventSerializer } from '../serializer';
import {
  mapAppendError, mapReadError, toActualRevision, toClientExpectedRevision, toEventData, toRecordedEvent,
  usablePosition, type ClientRecordedEvent,
} from './esdb-mapping';

const newEvent = (): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: { name: 'Ada', tags: ['x', 1, null] },
  metadata: {
    actor: 'user-1',
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date().toISOString(),
  },
});

/** What the client hands back for an event written by toEventData. */
const asRead = (event: NewEvent, overrides: Partial<ClientRecordedEvent> = {}): ClientRecordedEvent => {
  const written = toEventData(new EventSerializer().serialize([event])[0], event);
  return {
    streamId: 'lead-1',
    id: written.id,
    revision: 4n,
    type: written.type,
    created: new Date('2024-05-01T10:00:00Z'),
    isJson: true,
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    position: { commit: 1234n, prepare: 1234n },
    ...overrides,
  };
};

describe('EventStoreDB expected revisions', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['any', ANY],
    ['stream_exists', STREAM_EXISTS],
    [0, 0n],
    [41, 41n],
  ] as const)('sends %j as %j', (ours, theirs) => {
    expect(toClientExpectedRevision(ours)).toBe(theirs);
  });

  it.each<[unknown, number | 'no_stream']>([
    [3n, 3],
    [0n, 0],
    ['no_stream', 'no_stream'],
    [-1n, 'no_stream'],
    [undefined, 'no_stream'],
  ])('reads the actual revision %p as %p', (theirs, ours) => {
    expect(toActualRevision(theirs)).toBe(ours);
  });
});

describe('EventStoreDB error mapping', () => {
  it('maps a wrong expected version built from the server details', () => {
    const details = new WrongExpectedVersion();
    details.setExpectedStreamPosition('1');
    details.setCurrentStreamRevision('3');
    const error = mapAppendError(WrongExpectedVersionError.fromWrongExpectedVersion(details, 'lead-1'), 'lead-1', 1);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ code: 'CONFLICT', streamName: 'lead-1', expected: 1, actual: 3 });
  });

  it('maps server details without a current revision (the stream does not exist) to no_stream', () => {
    const details = new WrongExpectedVersion();
    const error = mapAppendError(WrongExpectedVersionError.fromWrongExpectedVersion(details, 'lead-1'), 'lead-1', 'stream_exists');
    expect(error).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('maps a wrong expected version from gRPC metadata, where a missing stream is -1', () => {
    const metadata = { 'stream-name': 'lead-1', 'expected-version': '0', 'actual-version': '-1' };
    const serviceError = Object.assign(new Error('wrong'), { code: 9, details: 'wrong', metadata: { getMap: () => metadata } });
    const clientError = new WrongExpectedVersionError(serviceError as never);
    expect(clientError.actualVersion).toBe(-1n);
    expect(mapAppendError(clientError, 'lead-1', 0)).toMatchObject({ expected: 0, actual: 'no_stream' });
  });

  it('recognises the error by its type tag, not by class identity', () => {
    const lookalike = { type: 'wrong-expected-version', actualVersion: 7n };
    expect(mapAppendError(lookalike, 'lead-1', 2)).toMatchObject({ expected: 2, actual: 7 });
  });

  it('passes other errors through untouched', () => {
    const denied = new AccessDeniedError();
    expect(mapAppendError(denied, 'lead-1', 'any')).toBe(denied);
    expect(mapReadError(denied, 'lead-1')).toBe(denied);
  });

  it('maps the client stream-not-found error to ours with our stream name', () => {
    const error = mapReadError(new ClientStreamNotFoundError(undefined, 'lead-1'), 'lead-1');
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', streamName: 'lead-1' });
  });
});

describe('EventStoreDB event mapping', () => {
  it('writes JSON with the correlation ids copied to the reserved metadata keys', () => {
    const event = newEvent();
    const written = toEventData(new EventSerializer().serialize([event])[0], event);
    expect(written).toMatchObject({ id: event.id, type: 'LeadCaptured', contentType: 'application/json', data: event.data });
    expect(written.metadata).toEqual({
      ...event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    });
  });

  it('reads back the event as written, without the reserved keys, with store fields', () => {
    const event = newEvent();
    const read = toRecordedEvent(asRead(event), new EventSerializer());
    expect(read).toEqual({
      ...event,
      streamName: 'lead-1',
      revision: 4,
      position: 1234n,
      recordedAt: new Date('2024-05-01T10:00:00Z'),
    });
  });

  it('reads events without metadata as empty metadata', () => {
    expect(toRecordedEvent(asRead(newEvent(), { metadata: undefined }), new EventSerializer()).metadata).toEqual({});
  });

  it('refuses events that are not JSON objects', () => {
    expect(() => toRecordedEvent(asRead(newEvent(), { isJson: false, data: new Uint8Array([1]) }), new EventSerializer())).toThrow(
      /not a JSON object/,
    );
  });

  it('refuses an event without a usable position, as old servers send on stream reads', () => {
    expect(() => toRecordedEvent(asRead(newEvent(), { position: undefined }), new EventSerializer())).toThrow(/no position/);
    const unset = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(usablePosition(unset)).toBeUndefined();
    expect(usablePosition({ commit: 5n, prepare: 5n })).toBe(5n);
  });
});
