import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ValidationError, type FieldError } from '@crm/domain';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { flatInputCheckOf, type FlatInputCheck } from './flat-input-check';

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
 *
 * Most mutation inputs are flat objects of strings and numbers: those are first checked by their
 * class's rules run directly (flat-input-check.ts), a fraction of the full class-transformer and
 * class-validator walk; only what that check does not accept takes the full path, which alone
 * refuses and names the fields.
 */
export class InputValidationPipe extends ValidationPipe {
  private readonly flatChecks = new Map<Function, FlatInputCheck | null>();

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
    const accepted = this.flatCheck(value, metadata);
    if (accepted !== null) return accepted;
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const argument = metadata.data;
      if (!(error instanceof ValidationError) || typeof argument !== 'string' || argument === '' || argument === 'input') throw error;
      throw new ValidationError(error.fields.map((f) => ({ ...f, field: `${argument}.${f.field}` })));
    }
  }

  private flatCheck(value: unknown, { metatype, type }: ArgumentMetadata): object | null {
    if (metatype === undefined || type === 'custom' || typeof value !== 'object' || value === null) return null;
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return null;
    let check = this.flatChecks.get(metatype);
    if (check === undefined) {
      check = isInputClass(metatype) ? flatInputCheckOf(metatype) : null;
      this.flatChecks.set(metatype, check);
    }
    return check === null ? null : check(value as Record<string, unknown>);
  }
}

/** The types Nest's ValidationPipe leaves alone, and anything that is not a class. */
const NOT_INPUT_CLASSES: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];
const isInputClass = (type: Function): type is new () => object =>
  !NOT_INPUT_CLASSES.includes(type) && typeof type.prototype === 'object' && type.length === 0;
