/** Every failure the read store reports on purpose carries a stable code (mapped to GraphQL `extensions.code`). */
export abstract class ReadStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The request is malformed: a bad collection/alias/checkpoint name, field path, filter
 * operator, cursor, page size, document or patch. Nothing was read or written.
 */
export class InvalidQueryError extends ReadStoreError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    /** What was wrong: `collection`, `field`, `filter.<path>`, `after`, `first`, `doc`, `set.<path>`, ... */
    readonly field: string,
  ) {
    super(message);
  }
}

/** A unique index rejected a write; nothing of the batch was written. */
export class DuplicateKeyError extends ReadStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly collection: string,
    detail: string,
  ) {
    super(`Unique index violated in collection ${collection}: ${detail}`);
  }
}

/** A fenced batch's owner no longer holds the lease; nothing of the batch was written. */
export class LeaseLostError extends ReadStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly lease: string,
    readonly owner: string,
  ) {
    super(`${owner} no longer holds the lease ${lease}; the batch was not stored`);
  }
}

/** The store was closed; the operation did not run. */
export class ReadStoreClosedError extends ReadStoreError {
  readonly code = 'UNAVAILABLE';
  constructor() {
    super('The read store is closed');
  }
}
