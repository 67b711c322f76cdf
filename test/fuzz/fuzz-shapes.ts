import fc from 'fast-check';
import { getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import { mutationDocument, type FuzzedMutation } from './fuzz-schema';

/** A request body GraphQL itself must refuse before any resolver runs: the wrong shape, not a wrong meaning. */
export interface ShapeBreak {
  name: string;
  body: unknown;
  /** The bytes sent instead of the body as JSON: a body that is not JSON at all. */
  raw?: string;
}

type Input = Record<string, unknown>;

/** A JSON value that no GraphQL type of the field coerces from: a String gets a number, an Int a string, an object a list... */
const wrongTypeFor = (mutation: FuzzedMutation, field: string): fc.Arbitrary<unknown> => {
  const type = getNullableType(mutation.input.getFields()[field].type);
  if (isListType(type)) return fc.constantFrom('not a list', 42, { a: 1 });
  if (isInputObjectType(type)) return fc.constantFrom('an object expected', 7, [1, 2], true);
  if (isEnumType(type)) return fc.constantFrom('NOT_A_VALUE', 3, 'prospecting', { value: 'x' });
  const name = 'name' in type ? type.name : '';
  if (name === 'Int') return fc.constantFrom('3', 1.5, 2147483648, -2147483649, true, [1], 1e21);
  if (name === 'Boolean') return fc.constantFrom('true', 1, 'yes', []);
  return fc.constantFrom(42, true, { nested: 'object' }, ['a', 'b'], 3.14);
};

const requiredFields = (type: GraphQLInputObjectType): string[] => Object.values(type.getFields()).filter((field) => isNonNullType(field.type)).map((field) => field.name);

const withVariables = (mutation: FuzzedMutation, input: unknown): unknown => ({ query: mutationDocument(mutation), variables: { input } });

/** One way to break the request's shape, chosen with the field it breaks. */
export const shapeBreak = (mutation: FuzzedMutation, input: Input): fc.Arbitrary<ShapeBreak> => {
  const fields = Object.keys(mutation.input.getFields());
  const required = requiredFields(mutation.input);
  const breaks: Array<fc.Arbitrary<ShapeBreak>> = [
    fc.constantFrom('bogusField', '__proto__', 'leadID', 'ID').map((unknown) => ({ name: 'unknown field', body: withVariables(mutation, { ...input, [unknown]: 'x' }) })),
    fc.constantFrom(...fields).chain((field) =>
      wrongTypeFor(mutation, field).map((wrong) => ({ name: `wrong type (${field})`, body: withVariables(mutation, { ...input, [field]: wrong }) })),
    ),
    fc.constantFrom(null, 'input', 3, [{}]).map((whole) => ({ name: 'input not an object', body: withVariables(mutation, whole) })),
    fc.constantFrom('{ bogus }', `mutation { ${mutation.name}(input: {}) { __typename } }`, `mutation { ${mutation.name}(input: { nope: 1 }) { __typename } }`, `mutation { ${mutation.name} }`,
      `mutation { ${mutation.name}(input: { expectedRevision: "x" }) { __typename } }`, 'mutation { noSuchMutation(input: {}) { id } }', `mutation { ${mutation.name}(input: {`,
      `query { ${mutation.name}(input: {}) { __typename } }`, '').map((query) => ({ name: 'document GraphQL refuses', body: { query } })),
    fc.constantFrom([input], 'variables', 7).map((variables) => ({ name: 'variables not an object', body: { query: mutationDocument(mutation), variables } })),
    fc.constantFrom({ variables: { input } }, { query: 42, variables: { input } }, [{ query: mutationDocument(mutation) }]).map((body) => ({ name: 'body without a query', body })),
    fc.constantFrom(`{ ${mutation.name}: ${'__typename '.repeat(2_100)}}`, `mutation { ${`${mutation.name}(input: {}) { __typename } `.repeat(400)}}`).map((query) => ({ name: 'more tokens than allowed', body: { query } })),
    fc.constantFrom('not json', '{"query": "mutation {', '', '\u0000', JSON.stringify({ query: mutationDocument(mutation), variables: { input: { pad: 'z'.repeat(110_000) } } }))
      .map((raw) => ({ name: raw.length > 100_000 ? 'body over the size limit' : 'body not JSON', body: null, raw })),
  ];
  if (required.length > 0) {
    breaks.push(fc.constantFrom(...required).map((field) => {
      const { [field]: _dropped, ...rest } = input;
      return { name: `missing required ${field}`, body: withVariables(mutation, rest) };
    }));
    breaks.push(fc.constantFrom(...required).map((field) => ({ name: `null for required ${field}`, body: withVariables(mutation, { ...input, [field]: null }) })));
  }
  return fc.oneof(...breaks);
};
