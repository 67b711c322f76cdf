import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  buildSchema, getNamedType, isInputObjectType, isNonNullType, isObjectType, type GraphQLField, type GraphQLInputObjectType, type GraphQLSchema,
} from 'graphql';

/** One mutation of the published schema: its name, its single `input` argument's type, and what its payload offers. */
export interface FuzzedMutation {
  name: string;
  input: GraphQLInputObjectType;
  /** The payload's fields worth reading back: `replayed` says a retry wrote nothing, `revision` that a stream moved. */
  selection: string;
}

/** The repository's root, from the sources (test/fuzz) or from the build (dist/test/fuzz). */
const repositoryRoot = (): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schema.graphql'))) return dir;
  }
  throw new Error('No schema.graphql found above the fuzzer');
};

/** The published schema, `schema.graphql` at the repository's root: the contract clients generate from. */
export const loadPublishedSchema = (): GraphQLSchema => buildSchema(readFileSync(join(repositoryRoot(), 'schema.graphql'), 'utf8'));

const payloadSelection = (field: GraphQLField<unknown, unknown>): string => {
  const payload = getNamedType(field.type);
  if (!isObjectType(payload)) return '';
  const fields = payload.getFields();
  const picked = ['replayed', 'revision'].filter((name) => name in fields && !isObjectType(getNamedType(fields[name].type)));
  return ['__typename', ...picked].join(' ');
};

/** Every mutation that takes one `input` object (all but `ping`), in the schema's order. */
export const mutationsOf = (schema: GraphQLSchema): FuzzedMutation[] =>
  Object.values(schema.getMutationType()?.getFields() ?? {}).flatMap((field) => {
    const arg = field.args.find((candidate) => candidate.name === 'input');
    const input = arg ? getNamedType(arg.type) : undefined;
    if (!arg || !isNonNullType(arg.type) || !isInputObjectType(input)) return [];
    return [{ name: field.name, input, selection: payloadSelection(field) }];
  });

/** The operation that sends `input` to one mutation through a variable, as clients do. */
export const mutationDocument = (mutation: FuzzedMutation): string =>
  `mutation Fuzz($input: ${mutation.input.name}!) { ${mutation.name}(input: $input) { ${mutation.selection} } }`;
