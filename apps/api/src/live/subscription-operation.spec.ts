import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Principal } from '@crm/application';
import { buildPublicSchema } from '../schema/public-schema';
import { checkSubscription } from './subscription-operation';

const rep: Principal = { sub: 'rep-1', roles: ['rep'] };
const privacy: Principal = { sub: 'privacy-1', roles: ['privacy'] };
const SUBSCRIBE = 'subscription ($after: String) { entityChanged(after: $after) { id position } }';

const refusal = (outcome: ReturnType<typeof checkSubscription>): readonly GraphQLError[] => {
  if (!Array.isArray(outcome)) throw new Error('expected a refusal');
  return outcome;
};

describe('checkSubscription: what an HTTP request goes through, for a subscription', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildPublicSchema();
  });

  it('gives the arguments to run an allowed subscription with, its variables coerced', () => {
    const outcome = checkSubscription(schema, { query: SUBSCRIBE, variables: { after: '12' } }, rep);
    expect(Array.isArray(outcome)).toBe(false);
    expect(outcome).toMatchObject({ variableValues: { after: '12' } });
  });

  it('parses a text once for every subscription that sends it', () => {
    const first = checkSubscription(schema, { query: SUBSCRIBE, variables: { after: '1' } }, rep);
    const second = checkSubscription(schema, { query: SUBSCRIBE, variables: { after: '2' } }, rep);
    expect(Array.isArray(first) || Array.isArray(second)).toBe(false);
    expect((second as { document: unknown }).document).toBe((first as { document: unknown }).document);
    // The role rule still holds for each caller, whoever sent the text first.
    expect(Array.isArray(checkSubscription(schema, { query: SUBSCRIBE }, privacy))).toBe(true);
  });

  it('refuses a field the roles may not read, naming it', () => {
    const [error] = refusal(checkSubscription(schema, { query: SUBSCRIBE }, privacy));
    expect(error.originalError).toMatchObject({ code: 'FORBIDDEN', field: 'Subscription.entityChanged' });
  });

  it('refuses queries and mutations: they go over HTTP', () => {
    const [error] = refusal(checkSubscription(schema, { query: '{ __typename }' }, rep));
    expect(error.originalError).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'query', message: expect.stringContaining('HTTP POST') }] });
  });

  it('names the field of a bad variable and of a bad literal', () => {
    const [variable] = refusal(checkSubscription(schema, { query: SUBSCRIBE, variables: { after: 12.5 } }, rep));
    expect(variable.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'after' })] });
    const [literal] = refusal(checkSubscription(schema, { query: 'subscription { entityChanged(filter: { types: [INVOICE] }) { id } }' }, rep));
    expect(literal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'filter.types.0' })] });
  });

  it('keeps the limits on a document: syntax, tokens, depth and unknown fields', () => {
    expect(refusal(checkSubscription(schema, { query: 'subscription {' }, rep))[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const long = `subscription { entityChanged { ${'id '.repeat(3000)} } }`;
    expect(refusal(checkSubscription(schema, { query: long }, rep))[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refusal(checkSubscription(schema, { query: 'subscription { entityChanged { nope } }' }, rep))[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
