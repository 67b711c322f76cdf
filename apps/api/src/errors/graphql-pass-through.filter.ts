import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Nest's default handler would log every resolver error, expected ones (conflicts, rule violations)
 * included. GraphQL errors go on to formatError, which maps them and logs only unexpected ones once;
 * HTTP routes keep Nest's handling.
 */
@Catch()
export class GraphqlPassThroughFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
