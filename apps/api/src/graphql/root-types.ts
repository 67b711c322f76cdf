import { GraphQLObjectType, GraphQLSchema } from 'graphql';

const QUERY =
  'What can be read. Lists and reports come from read models that follow the event log; history and asOf read the log itself. ' +
  'Every request needs a bearer token, and each field names the roles that may read it.';

const MUTATION =
  'What can be changed: one mutation per command, each taking one `input` and answering once the read models show the write. ' +
  'Errors carry extensions.code: BAD_USER_INPUT (with the fields), NOT_FOUND, CONFLICT, RULE_VIOLATION (with extensions.reason), UNAUTHENTICATED or FORBIDDEN.';

const SUBSCRIPTION =
  'What is pushed as it happens, over graphql-ws (protocol graphql-transport-ws) at /graphql, the token in connection_init\'s payload ' +
  '({ "Authorization": "Bearer <token>" }). Each change is pushed once the read models show it; `after` resumes from the log.';

const described = (type: GraphQLObjectType | null | undefined, description: string): GraphQLObjectType | undefined =>
  type ? new GraphQLObjectType({ ...type.toConfig(), description }) : undefined;

/**
 * The code-first builder gives the root types no description; the served schema and the printed
 * `schema.graphql` both pass through here, so they explain Query, Mutation and Subscription alike.
 */
export const describeRootTypes = (schema: GraphQLSchema): GraphQLSchema => {
  const config = schema.toConfig();
  const roots = new Set<unknown>([config.query, config.mutation, config.subscription]);
  return new GraphQLSchema({
    ...config,
    query: described(config.query, QUERY),
    mutation: described(config.mutation, MUTATION),
    subscription: described(config.subscription, SUBSCRIPTION),
    types: config.types.filter((type) => !roots.has(type)),
  });
};
