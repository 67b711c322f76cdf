import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { requestRefusal } from '../errors/request-refusal';
import { QueryTooCostlyError } from './query-too-costly.error';
import { MAX_QUERY_COST, queryCost } from './query-cost';

/**
 * Refuses an operation that costs more than `maxCost` (see queryCost) with its variables, after the
 * document is validated and before anything is read: 400 BAD_USER_INPUT, reason QUERY_TOO_COSTLY.
 */
export const costLimitPlugin = (maxCost = MAX_QUERY_COST): ApolloServerPlugin => {
  const listener: GraphQLRequestListener<never> = {
    didResolveOperation: async ({ schema, document, operation, request }) => {
      // No operation to run: execution answers that, reading nothing.
      if (!operation) return;
      const cost = queryCost(schema, document, operation, request.variables);
      if (cost !== null && cost > maxCost) throw requestRefusal(new QueryTooCostlyError(cost, maxCost), 400);
    },
  };
  return { requestDidStart: async () => listener };
};
