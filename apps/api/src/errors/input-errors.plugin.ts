import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import type { FieldError } from '@crm/domain';
import { inputErrorFields } from './input-error-fields';

/** The codes Apollo gives to GraphQL's own refusals of a request's values. */
const COERCION_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

const listener: GraphQLRequestListener<BaseContext> = {
  /**
   * Runs before the errors are formatted, with what formatError lacks: the parsed document, the
   * schema and the variables. A value GraphQL refused (an unknown enum value, a bad Decimal or
   * DateTime, a missing required field, an Int out of range) is BAD_USER_INPUT with its `fields`,
   * written in the query or passed in variables alike; other validation errors keep their code.
   */
  async didEncounterErrors({ errors, schema, document, request }) {
    for (const error of errors) {
      if (!COERCION_CODES.has(String(error.extensions.code))) continue;
      const fields = fieldsOrNull(() => inputErrorFields(error, { schema, document, variables: request.variables }));
      if (fields === null) continue;
      error.extensions.code = 'BAD_USER_INPUT';
      error.extensions.fields = fields;
    }
  },
};

/** Naming the fields must never turn the client's error into the server's: formatError still names one. */
const fieldsOrNull = (name: () => FieldError[] | null): FieldError[] | null => {
  try {
    return name();
  } catch {
    return null;
  }
};

export const inputErrorsPlugin: ApolloServerPlugin = {
  requestDidStart: async () => listener,
};
