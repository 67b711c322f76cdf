import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ValidationError, type FieldError } from '@crm/domain';
import type { ValidationError as ClassValidatorError } from 'class-validator';

const toFieldErrors = (errors: ClassValidatorError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((message) => ({ field: `${prefix}${e.property}`, message })),
    ...toFieldErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);

/**
 * Shape validation of GraphQL arguments, failing as the domain's ValidationError (BAD_USER_INPUT with
 * every offending field). Nest validates an omitted argument as an empty object, which would make an
 * optional `orderBy` fail on its required fields; an omitted optional argument is simply absent.
 * Fields are named from their argument (`filter.accountId`), but a mutation's one `input` argument
 * is left out (`email`), as GraphQL's own coercion errors are named (errors/input-error-fields.ts).
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => new ValidationError(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value === undefined || value === null) return value;
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const argument = metadata.data;
      if (!(error instanceof ValidationError) || typeof argument !== 'string' || argument === '' || argument === 'input') throw error;
      throw new ValidationError(error.fields.map((f) => ({ ...f, field: `${argument}.${f.field}` })));
    }
  }
}
