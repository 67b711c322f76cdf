import { GraphQLError } from 'graphql';
import { formatError } from './format-error';

const format = (message: string, extensions: Record<string, unknown>) => formatError({ message, extensions }, new GraphQLError(message, { extensions }));

describe('GraphQL\'s own refusals as the client sees them', () => {
  it('keeps the fields named for a coercion error', () => {
    const fields = [{ field: 'amount', message: 'Decimal must be a string' }];
    expect(format('Variable "$input" got invalid value', { code: 'BAD_USER_INPUT', fields }).extensions).toEqual({ code: 'BAD_USER_INPUT', fields });
  });

  it.each([
    ['`variables` in a POST body must be an object if provided.', 'variables'],
    ['GraphQL queries must be strings.', 'query'],
    ['`operationName` in a POST body must be a string if provided.', 'operationName'],
    ['POST body missing, invalid Content-Type, or JSON object has no keys.', 'request'],
  ])('names the part of the request a bad request is about: %s', (message, field) => {
    expect(format(message, { code: 'BAD_REQUEST' }).extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field, message }] });
  });

  it('keeps other client errors as they are, without fields', () => {
    expect(format('Cannot query field "nope" on type "Lead".', { code: 'GRAPHQL_VALIDATION_FAILED' }).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
