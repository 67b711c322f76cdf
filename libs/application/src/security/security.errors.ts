/** Why a token was refused; the edge maps every one of them to UNAUTHENTICATED. */
export type TokenProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' | 'NOT_YET_VALID' | 'BAD_CLAIMS';

export class InvalidTokenError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** A claim the caller wants to sign is unusable (unknown role, empty subject, bad lifetime). */
export class InvalidClaimsError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidClaimsError';
  }
}

/** The signing secret cannot be used (too short, unreadable file). */
export class JwtSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwtSecretError';
  }
}
