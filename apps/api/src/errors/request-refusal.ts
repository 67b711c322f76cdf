import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A refusal of the whole request, raised before execution (the context, a plugin): the client gets
 * `cause` as formatError maps it, with this HTTP status (Apollo answers 500 to errors without one).
 */
export const requestRefusal = (cause: Error, status: number, headers: Array<[string, string]> = []): GraphQLError =>
  new GraphQLError(cause.message, { originalError: cause, extensions: { http: { status, headers: new HeaderMap(headers) } } });
