/** No valid bearer token: the request is refused before any resolver runs. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** A valid token whose roles do not allow the operation. */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(readonly required: readonly string[]) {
    super(`This operation needs one of the roles: ${['admin', ...required].join(', ')}`);
  }
}
