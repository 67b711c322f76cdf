import { isInterfaceType, isIntrospectionType, isObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import type { Role } from '@crm/application';
import { ROLES_EXTENSION } from './roles.decorator';

/** The roles besides admin that may read a field; null when the field has none, and so nobody may. */
export type AccessRule = readonly Role[] | null;

const ruleIn = (extensions: Readonly<Record<string, unknown>> | null | undefined): AccessRule => {
  const rule = extensions?.[ROLES_EXTENSION];
  return Array.isArray(rule) ? (rule as Role[]) : null;
};

/** The field's own rule, else its type's (set with @Roles on the field, the type or the resolver). */
export const ruleOf = (type: GraphQLNamedType, field: GraphQLField<unknown, unknown>): AccessRule => ruleIn(field.extensions) ?? ruleIn(type.extensions);

/** Admin reads every field that has a rule; a field without one is refused to everyone. */
export const allows = (rule: AccessRule, roles: readonly Role[]): boolean =>
  rule !== null && (roles.includes('admin') || roles.some((role) => rule.includes(role)));

/** `Type.field` of every field of the schema's object and interface types that has no rule. */
export const fieldsWithoutRule = (schema: GraphQLSchema): string[] =>
  Object.values(schema.getTypeMap())
    .filter((type) => (isObjectType(type) || isInterfaceType(type)) && !isIntrospectionType(type))
    .flatMap((type) => {
      const fields = Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields());
      return fields.filter((field) => ruleOf(type, field) === null).map((field) => `${type.name}.${field.name}`);
    });
