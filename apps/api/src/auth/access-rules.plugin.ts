import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Role } from '@crm/application';
import { requestRefusal } from '../errors/request-refusal';
import { ForbiddenError } from './auth.errors';
import { refusedField, type RefusedField } from './operation-access';
import type { RequestContext } from './request-user';

/**
 * Enforces the role rule of every field the operation selects, nested fields too, once per operation
 * and before anything is read: a refused operation answers 403 FORBIDDEN naming the first field the
 * caller may not read. Apollo hands the same parsed document to every request with the same query
 * text, so the verdict is remembered per document and set of roles.
 */
export const accessRulesPlugin = (): ApolloServerPlugin<RequestContext> => {
  const verdicts = new WeakMap<DocumentNode, Map<string, RefusedField | null>>();
  const verdict = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null, roles: readonly Role[]): RefusedField | null => {
    let byCaller = verdicts.get(document);
    if (!byCaller) verdicts.set(document, (byCaller = new Map()));
    const key = `${operationName ?? ''}\n${[...roles].sort().join(',')}`;
    if (!byCaller.has(key)) byCaller.set(key, refusedField(schema, document, operationName, roles));
    return byCaller.get(key) ?? null;
  };
  const listener: GraphQLRequestListener<RequestContext> = {
    didResolveOperation: async ({ schema, document, operationName, contextValue }) => {
      const refused = verdict(schema, document, operationName, contextValue.user?.roles ?? []);
      if (refused) throw requestRefusal(new ForbiddenError(refused.rule ?? [], refused.coordinate), 403);
    },
  };
  return { requestDidStart: async () => listener };
};
