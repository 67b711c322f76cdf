import { ApolloArmor } from '@escape.tech/graphql-armor';

/** Most tokens a document may have: parsing stops there. */
export const MAX_TOKENS = 2000;

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
  maxTokens: { n: MAX_TOKENS },
  blockFieldSuggestion: { enabled: false },
}).protect();
