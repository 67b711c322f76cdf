import {
  getNamedType, getVariableValues, TypeInfo, ValidationContext, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { createComplexityRule, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_HISTORY_PAGE } from '@crm/application';
import { DEFAULT_PAGE_SIZE } from '@crm/read-models';

/**
 * The most one operation may cost: about the number of fields it may resolve. A full page of 500
 * leads with twenty fields costs ~11,000; fifty accounts, each with its contacts and opportunities at
 * their default page size, ~45,000.
 */
export const MAX_QUERY_COST = 50_000;

/** A Relay connection: a `...Connection` type, paged with `first` or `last`. */
const isConnection = (field: GraphQLField<unknown, unknown>): boolean =>
  getNamedType(field.type).name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first');

/** What a connection returns when neither `first` nor `last` is given: a history's pages are its own. */
const defaultPageSize = (field: GraphQLField<unknown, unknown>): number =>
  getNamedType(field.type).name === 'HistoryConnection' ? DEFAULT_HISTORY_PAGE : DEFAULT_PAGE_SIZE;

const count = (value: unknown): number | undefined => (typeof value === 'number' && value >= 0 ? value : undefined);

/** `first` or `last` as the resolver gets it (variables and the argument's default applied), else the connection's default page size. */
const pageSize = (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number =>
  count(args.first) ?? count(args.last) ?? defaultPageSize(field);

/** A connection costs one, plus its page size times what each item selects: nested connections multiply. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) =>
  isConnection(field) ? 1 + pageSize(field, args) * childComplexity : undefined;

/** Every other field costs one, plus what it selects. */
const ESTIMATORS = [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * The operation's cost with its variables; null when its variables do not fit it (execution refuses
 * those before any resolver runs). A field whose arguments execution would refuse costs nothing, as
 * it runs nothing. Infinity for a document whose fragments expand past the library's node limit.
 */
export const queryCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | null => {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return null;
  let cost = 0;
  const rule = createComplexityRule({
    maximumComplexity: Infinity, estimators: ESTIMATORS, variables, operationName: operation.name?.value, onComplete: (complexity) => (cost = complexity),
  });
  const typeInfo = new TypeInfo(schema);
  // Errors reported here are those execution answers for the field itself; the field is left out of the cost.
  const context = new ValidationContext(schema, document, typeInfo, () => undefined);
  try {
    visit(document, visitWithTypeInfo(typeInfo, rule(context)));
  } catch {
    return Infinity;
  }
  return cost;
};
