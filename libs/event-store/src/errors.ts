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

/**
 * The store could not be reached, or did not answer, through every attempt a write is allowed;
 * whether the last attempt was stored is unknown, and repeating the same append is safe.
 */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'UNAVAILABLE';
  constructor(
    readonly streamName: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`Appending to ${streamName} failed ${attempts} time(s) on transient errors; last: ${describeCause(lastError)}`);
  }
}

/** An event in the log that this store cannot read back (its data or metadata is not a JSON object). */
export class UnreadableEventError extends EventStoreError {
  readonly code = 'UNREADABLE_EVENT';
  constructor(readonly event: UnreadableEvent) {
    super(`Event ${event.id} at ${event.streamName}@${event.revision} cannot be read: ${event.reason}`);
  }
}

/** What a reader of the whole log is told about an event it skipped because it could not read it. */
export interface UnreadableEvent {
  id: string;
  streamName: string;
  revision: number;
  /** Absent when the server gave none. */
  position?: bigint;
  type: string;
  reason: string;
}

const describeCause = (cause: unknown): string => (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
