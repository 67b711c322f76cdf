import { buildSchema, graphql, printSchema, type GraphQLSchema } from 'graphql';
import { CaseInsensitiveId, normaliseId, withCaseInsensitiveIds } from './case-insensitive-id';

const UPPER = '7D2C5BB6-1C5A-4C8E-9A57-1F0C4F0E2B11';
const LOWER = UPPER.toLowerCase();

const sdl = `
  input Ref { id: ID!, others: [ID!], nested: Ref }
  type Query { echo(id: ID, ids: [ID!], ref: Ref): String, node: Node }
  type Node { id: ID! }
`;

/** A schema whose resolver answers with the arguments it received, as JSON. */
const echoSchema = (): GraphQLSchema => {
  const schema = buildSchema(sdl);
  schema.getQueryType()!.getFields().echo.resolve = (_source, args) => JSON.stringify(args);
  schema.getQueryType()!.getFields().node.resolve = () => ({ id: UPPER });
  return withCaseInsensitiveIds(schema);
};

const echo = async (source: string, variableValues?: Record<string, unknown>): Promise<unknown> => {
  const result = await graphql({ schema: echoSchema(), source, variableValues });
  expect(result.errors).toBeUndefined();
  return JSON.parse((result.data as { echo: string }).echo);
};

describe('ids are case-insensitive at the edge', () => {
  it('lower-cases uuids and leaves any other id alone', () => {
    expect(normaliseId(UPPER)).toBe(LOWER);
    expect(normaliseId('Lead-1')).toBe('Lead-1');
    expect(normaliseId(` ${UPPER}`)).toBe(` ${UPPER}`);
  });

  it('replaces every ID of the schema, keeping the printed schema as it was', () => {
    const original = buildSchema(sdl);
    const schema = withCaseInsensitiveIds(original);
    expect(schema.getType('ID')).toBe(CaseInsensitiveId);
    expect(printSchema(schema)).toBe(printSchema(original));
  });

  it('normalises an argument written in the query', async () => {
    expect(await echo(`{ echo(id: "${UPPER}") }`)).toEqual({ id: LOWER });
  });

  it('normalises an argument passed as a variable', async () => {
    expect(await echo('query ($id: ID) { echo(id: $id) }', { id: UPPER })).toEqual({ id: LOWER });
  });

  it('normalises list items and input fields at any depth, literal or variable', async () => {
    const expected = { ids: [LOWER], ref: { id: LOWER, others: [LOWER], nested: { id: LOWER } } };
    expect(await echo(`{ echo(ids: ["${UPPER}"], ref: { id: "${UPPER}", others: ["${UPPER}"], nested: { id: "${UPPER}" } }) }`)).toEqual(expected);
    expect(
      await echo('query ($ids: [ID!], $ref: Ref) { echo(ids: $ids, ref: $ref) }', { ids: [UPPER], ref: { id: UPPER, others: [UPPER], nested: { id: UPPER } } }),
    ).toEqual(expected);
  });

  it('answers ids as they are stored: output is not rewritten', async () => {
    const result = await graphql({ schema: echoSchema(), source: '{ node { id } }' });
    expect(result.data).toEqual({ node: { id: UPPER } });
  });
});
