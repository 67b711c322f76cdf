import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Most tokens a document may have: parsing stops there. */
export const MAX_TOKENS = 2000;

/**
 * GraphQL's own parser counts the tokens (Apollo's `parseOptions`), so a document it cannot read is
 * Apollo's GRAPHQL_PARSE_FAILED with a 400. Armor's token plugin parses in a plugin hook instead:
 * every syntax error became a 500, and the request never reached willSendResponse, so it stayed
 * counted as running and held up the shutdown's drain.
 */
export const PARSE_OPTIONS = { maxTokens: MAX_TOKENS };

/**
 * Limits on a document's shape that keep one request from monopolising the server: depth, aliases,
 * directives, tokens. Its cost, which depends on the variables, is the cost limit plugin's. The same
 * limits hold over HTTP (as Apollo plugins and validation rules) and for subscriptions.
 */
export const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  costLimit: { enabled: false },
  maxAliases: { n: 15 },
  maxDirectives: { n: 20 },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
}).protect();
