import {
  getOperationAST, getVariableValues, GraphQLError, parse, specifiedRules, validate,
  type DocumentNode, type ExecutionArgs, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { ValidationError } from '@crm/domain';
import type { Principal } from '@crm/application';
import { ForbiddenError } from '../auth/auth.errors';
import { refusedField } from '../auth/operation-access';
import { inputErrorFields } from '../errors/input-error-fields';
import { armor, MAX_TOKENS } from '../limits/armor';

/** What a client asks in a `subscribe` message. */
export interface SubscribeRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Why a subscription is refused before it starts: errors as `formatError` reads them. */
export type Refusal = readonly GraphQLError[];

const VALIDATION_RULES = [...specifiedRules, ...armor.validationRules];

/**
 * The checks an HTTP request passes through Apollo's plugins, for an operation that arrives on a
 * subscription socket, where no Apollo plugin runs: the same parse limits and validation rules, one
 * operation that must be a subscription, the role rule of every field it selects, and its variables
 * coerced with each failure named by field. Either the arguments to run it with or why not.
 */
export const checkSubscription = (schema: GraphQLSchema, request: SubscribeRequest, user: Principal): ExecutionArgs | Refusal => {
  const document = validDocument(schema, request);
  if (isRefusal(document)) return document;
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return [fromError(ValidationError.field('operationName', 'Name the one operation of the document to run'))];
  if (operation.operation !== 'subscription') {
    return [fromError(ValidationError.field('query', `A ${operation.operation} is sent over HTTP POST to /graphql; this socket serves subscriptions only`))];
  }
  const refused = refusedField(schema, document, request.operationName, user.roles);
  if (refused) return [fromError(new ForbiddenError(refused.rule ?? [], refused.coordinate))];
  const refusedVariables = variableErrors(schema, operation, document, request);
  if (refusedVariables) return refusedVariables;
  // The variables as sent: graphql-js coerces them when it runs the operation, as it does over HTTP.
  return { schema, document, operationName: request.operationName, variableValues: request.variables ?? {} };
};

/** Most distinct subscription texts whose parsed, validated document is kept. */
const KEPT_DOCUMENTS = 500;
const keptDocuments = new WeakMap<GraphQLSchema, Map<string, DocumentNode>>();

/**
 * The parsed and validated document, shared by every subscription with the same text: clients send
 * the same few subscriptions, and a parse of one held per subscriber was two fifths of an idle
 * subscriber's memory. Apollo keeps parsed documents for HTTP the same way. Refusals are not kept
 * (their errors name the request's variables).
 */
const validDocument = (schema: GraphQLSchema, request: SubscribeRequest): DocumentNode | Refusal => {
  let kept = keptDocuments.get(schema);
  if (kept === undefined) keptDocuments.set(schema, (kept = new Map()));
  const found = kept.get(request.query);
  if (found !== undefined) return found;
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
  }
  const invalid = validate(schema, document, VALIDATION_RULES);
  if (invalid.length > 0) return invalid.map((error) => inputError(error, schema, document, request) ?? withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  if (kept.size >= KEPT_DOCUMENTS) kept.clear();
  kept.set(request.query, document);
  return document;
};

const isRefusal = (value: DocumentNode | Refusal): value is Refusal => Array.isArray(value);

/** Each variable that does not coerce, named by field; null when all do. */
const variableErrors = (schema: GraphQLSchema, operation: OperationDefinitionNode, document: DocumentNode, request: SubscribeRequest): Refusal | null => {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
  return result.errors ? result.errors.map((error) => inputError(error, schema, document, request) ?? withCode(error, 'BAD_USER_INPUT')) : null;
};

/** A value GraphQL refused, as BAD_USER_INPUT naming its fields (null when the error is about something else). */
const inputError = (error: GraphQLError, schema: GraphQLSchema, document: DocumentNode, request: SubscribeRequest): GraphQLError | null => {
  let fields;
  try {
    fields = inputErrorFields(error, { schema, document, variables: request.variables ?? undefined });
  } catch {
    return null;
  }
  return fields === null ? null : withCode(error, 'BAD_USER_INPUT', { fields });
};

const withCode = (error: GraphQLError, code: string, more: Record<string, unknown> = {}): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code, ...more } });

/** One of our errors, which formatError maps to its code. */
const fromError = (error: Error): GraphQLError => new GraphQLError(error.message, { originalError: error });
