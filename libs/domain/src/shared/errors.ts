import type { RuleReason } from './rule-reasons';

export type DomainErrorCode = 'RULE_VIOLATION' | 'BAD_USER_INPUT' | 'NOT_FOUND';

export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the command; `reason` is a stable code such as LEAD_NOT_QUALIFIED. */
export class RuleViolation extends DomainError {
  readonly code = 'RULE_VIOLATION' as const;

  constructor(
    readonly reason: RuleReason,
    message: string,
  ) {
    super(message);
  }
}

/** One or more input values are malformed; every offending field is listed. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;

  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;

  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
