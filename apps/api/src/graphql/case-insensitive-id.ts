import { GraphQLID, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { transformSchema } from '@nestjs/graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uuids are case-insensitive (RFC 4122) and stored lower case, so a uuid comes in lower case; any
 * other id is left as it is (the validators that expect a uuid refuse it with its field).
 */
export const normaliseId = (id: string): string => (UUID.test(id) ? id.toLowerCase() : id);

/** `ID` as graphql-js defines it, but an input uuid is lower-cased while it is coerced. */
export const CaseInsensitiveId = new GraphQLScalarType<string, string>({
  ...GraphQLID.toConfig(),
  parseValue: (value) => normaliseId(GraphQLID.parseValue(value)),
  parseLiteral: (ast, variables) => normaliseId(GraphQLID.parseLiteral(ast, variables)),
});

/**
 * Every `ID` in the schema (arguments, input fields, list items, nested inputs, through literals
 * and variables alike) coerced by CaseInsensitiveId: one place, so no resolver can forget to
 * normalise an id, and a read, a filter, a payload's read-back or a history lookup finds what a
 * write with the same id in upper case stored.
 *
 * A code-first schema cannot declare its own `ID`: `@Field(() => ID)` is graphql-js's GraphQLID
 * instance and Nest's `scalarsMap` only maps classes. graphql-tools' mapSchema skips the built-in
 * scalars. The schema is rebuilt instead with every reference to `ID` pointing at this scalar
 * (Nest's `transformSchema`, the federation helper); graphql 16 knows a built-in scalar by its name,
 * so the printed schema and introspection still show the standard `ID`.
 */
export const withCaseInsensitiveIds = (schema: GraphQLSchema): GraphQLSchema =>
  transformSchema(schema, (type) => (type.name === GraphQLID.name ? CaseInsensitiveId : undefined));
