/** No valid bearer token: the request is refused before any resolver runs. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** A valid token whose roles do not allow the operation, or one of the fields it selects (`Type.field`). */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(
    readonly required: readonly string[],
    readonly field?: string,
  ) {
    super(forbiddenMessage(required, field));
  }
}

const forbiddenMessage = (required: readonly string[], field: string | undefined): string => {
  if (field === undefined) return `This operation needs one of the roles: ${['admin', ...required].join(', ')}`;
  if (required.length === 0) return `${field} has no access rule, so nobody may read it`;
  return `${field} needs one of the roles: ${['admin', ...required].join(', ')}`;
};
