import { Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { toPublicError } from './error-codes';

/**
 * Errors GraphQL itself raises about the request (syntax, unknown fields, bad variables, and the
 * depth/cost/size limits, which run as validation rules): the client's fault, never a 500.
 */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

const logger = new Logger('GraphQL');

/**
 * Known errors keep their message and get DESIGN.md's extensions.code; anything else is logged once
 * here with its stack and reaches the client only as "Internal server error".
 */
export const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const original = unwrapResolverError(error);
  const known = toPublicError(original) ?? toPublicError(causeOfRequestError(original));
  if (known) return { message: known.message, path: formatted.path, locations: formatted.locations, extensions: known.extensions };
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    if (code !== 'BAD_USER_INPUT' && code !== 'BAD_REQUEST') return { ...formatted, extensions: { code } };
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', fields: fieldsOf(formatted) } };
  }
  logger.error(`Unexpected error at ${formatted.path?.join('.') ?? 'request'}: ${describe(original)}`);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
};

/**
 * Every BAD_USER_INPUT names its fields. GraphQL's coercion errors got theirs from inputErrorsPlugin;
 * a request Apollo refuses before GraphQL reads it (a body that is not JSON, variables that are not
 * an object) names the part of the request at fault.
 */
const fieldsOf = (formatted: GraphQLFormattedError): unknown[] => {
  const fields = formatted.extensions?.fields;
  if (Array.isArray(fields) && fields.length > 0) return fields;
  return [{ field: requestPartOf(formatted.message), message: formatted.message }];
};

const requestPartOf = (message: string): string => {
  const part = /\b(quer(?:y|ies)|variables|operationName|extensions)\b/.exec(message)?.[1];
  return part === undefined ? 'request' : part.startsWith('quer') ? 'query' : part;
};

/** What a request-level error (one raised before execution, see requestRefusal) was made from. */
const causeOfRequestError = (error: unknown): unknown => (error instanceof GraphQLError && !error.path ? error.originalError : undefined);

const describe = (error: unknown): string => (error instanceof Error ? error.stack ?? error.message : String(error));
