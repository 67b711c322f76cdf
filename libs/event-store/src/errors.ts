import { describeRevision, type ActualRevision, type ExpectedRevision } from './expected-revision';

/** Every failure the store reports on purpose carries a stable code. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not at the revision the writer expected: nothing was written. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(
      `Stream ${streamName}: expected revision ${describeRevision(expected)}, actual ${describeRevision(actual)}`,
    );
  }
}

/** A stream that must exist does not. */
export class StreamNotFoundError extends EventStoreError {
  readonly code = 'NOT_FOUND';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} does not exist`);
  }
}

/** The append or read request itself is malformed; nothing was written. */
export class InvalidEventStoreRequestError extends EventStoreError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** An event id already stored elsewhere (another stream or another place in this stream). */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(`Event ${eventId} is already stored at a different place than stream ${streamName} expects`);
  }
}

/** The store was closed; the operation did not run. */
export class EventStoreClosedError extends EventStoreError {
  readonly code = 'UNAVAILABLE';
  constructor() {
    super('The event store is closed');
  }
}
