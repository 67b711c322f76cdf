import { CommanderError } from 'commander';
import { ValidationError } from '@crm/domain';
import { ConfigError, InvalidClaimsError, JwtSecretError } from '@crm/application';
import { InvalidEventStoreRequestError } from '@crm/event-store';
import { EXIT, writeLine, type CliIo, type ExitCode } from './cli-context';

/** The invocation itself is wrong (arguments, options, environment): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const isUsageProblem = (error: unknown): boolean =>
  error instanceof UsageError ||
  error instanceof ValidationError ||
  error instanceof InvalidClaimsError ||
  error instanceof InvalidEventStoreRequestError ||
  error instanceof ConfigError ||
  error instanceof JwtSecretError;

/**
 * Commander has already printed its own errors (and help) when it throws; everything else is printed
 * here, once, without a stack trace unless CRM_DEBUG is set.
 */
export const reportError = (error: unknown, io: CliIo): ExitCode => {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  // The reader of our output went away (`crm export | head`): its choice, not our failure.
  if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return EXIT.OK;
  const message = error instanceof Error ? error.message : String(error);
  if (isUsageProblem(error)) {
    writeLine(io.stderr, `error: ${message}`);
    return EXIT.USAGE;
  }
  writeLine(io.stderr, `error: ${message}`);
  if (io.env.CRM_DEBUG && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
  return EXIT.FAILURE;
};
