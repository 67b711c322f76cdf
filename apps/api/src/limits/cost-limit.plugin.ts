import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Kind, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { requestRefusal } from '../errors/request-refusal';
import { QueryTooCostlyError } from './query-too-costly.error';
import { MAX_QUERY_COST, queryCost } from './query-cost';

/** Costs kept per document: enough for the page sizes a client uses, without growing on a flood of others. */
const MAX_COSTS_PER_DOCUMENT = 64;

/** The variables a document's cost can depend on: those given to `first`, or to the `if` of @skip and @include. */
const costVariablesOf = (document: DocumentNode): string[] => {
  const names = new Set<string>();
  visit(document, {
    Argument: (argument, _key, _parent, _path, ancestors) => {
      if (argument.value.kind !== Kind.VARIABLE) return;
      const owner = ancestors[ancestors.length - 1];
      const isFirst = argument.name.value === 'first' && !Array.isArray(owner) && (owner as { kind?: string }).kind === Kind.FIELD;
      const isCondition = argument.name.value === 'if' && !Array.isArray(owner) && (owner as { kind?: string }).kind === Kind.DIRECTIVE;
      if (isFirst || isCondition) names.add(argument.value.name.value);
    },
  });
  return [...names];
};

/**
 * Weighing a document takes a few hundred microseconds, more than a whole small request, so a cost
 * is remembered per document object (Apollo hands the same one to every request with the same query
 * text) and per value of the variables it depends on.
 */
class KnownCosts {
  private readonly byDocument = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): number | null {
    let known = this.byDocument.get(document);
    if (!known) this.byDocument.set(document, (known = { variables: costVariablesOf(document), costs: new Map() }));
    const given = variables ?? {};
    // A variable given is [value], one left out []: the two never share a key.
    const key = JSON.stringify([operation.name?.value ?? null, ...known.variables.map((name) => (Object.hasOwn(given, name) ? [given[name]] : []))]);
    const remembered = known.costs.get(key);
    if (remembered !== undefined) return remembered;
    const cost = queryCost(schema, document, operation, variables);
    // Not remembered when the variables do not fit: that depends on variables the key leaves out.
    if (cost !== null && known.costs.size < MAX_COSTS_PER_DOCUMENT) known.costs.set(key, cost);
    return cost;
  }
}

/**
 * Refuses an operation that costs more than `maxCost` (see queryCost) with its variables, after the
 * document is validated and before anything is read: 400 BAD_USER_INPUT, reason QUERY_TOO_COSTLY.
 */
export const costLimitPlugin = (maxCost = MAX_QUERY_COST): ApolloServerPlugin => {
  const costs = new KnownCosts();
  const listener: GraphQLRequestListener<never> = {
    didResolveOperation: async ({ schema, document, operation, request }) => {
      // No operation to run: execution answers that, reading nothing.
      if (!operation) return;
      const cost = costs.costOf(schema, document, operation, request.variables);
      if (cost !== null && cost > maxCost) throw requestRefusal(new QueryTooCostlyError(cost, maxCost), 400);
    },
  };
  return { requestDidStart: async () => listener };
};
