import {
  BREAK, getOperationAST, isIntrospectionType, Kind, TypeInfo, visit, visitWithTypeInfo,
  type ASTNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema,
} from 'graphql';
import type { Role } from '@crm/application';
import { allows, ruleOf, type AccessRule } from './access-rules';

/** A selected field the caller's roles may not read. */
export interface RefusedField {
  /** `Type.field`, e.g. `Lead.email`. */
  coordinate: string;
  rule: AccessRule;
}

/**
 * The first field of the operation, nested ones and those in fragments included, that the roles may
 * not read; null when every one is allowed. Meta fields (`__typename`, `__schema`, `__type` and what is
 * inside them) are open to every authenticated caller: GraphiQL needs them.
 */
export const refusedField = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, roles: readonly Role[]): RefusedField | null => {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const visited = new Set<string>();

  const check = (node: ASTNode): RefusedField | null => {
    const typeInfo = new TypeInfo(schema);
    let refused: RefusedField | null = null;
    visit(node, visitWithTypeInfo(typeInfo, {
      Field: (field) => {
        const parent = typeInfo.getParentType();
        const definition = typeInfo.getFieldDef();
        if (!parent || !definition || field.name.value.startsWith('__') || isIntrospectionType(parent)) return undefined;
        const rule = ruleOf(parent, definition);
        if (allows(rule, roles)) return undefined;
        refused = { coordinate: `${parent.name}.${definition.name}`, rule };
        return BREAK;
      },
      FragmentSpread: (spread) => {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || visited.has(fragment.name.value)) return undefined;
        visited.add(fragment.name.value);
        refused = check(fragment);
        return refused ? BREAK : undefined;
      },
    }));
    return refused;
  };
  return check(operation);
};
