import { SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
import { ROLES, type Role } from '@crm/application';

export const ROLES_KEY = 'crm:roles';
/** Where a field's or a type's rule lives in the schema: its GraphQL extensions, read by the access check. */
export const ROLES_EXTENSION = 'roles';
/** Set by Nest's @Query, @Mutation and @ResolveField on the methods they mark. */
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';

/**
 * Who may read a field besides admin, who may read every field that has a rule. Every field of the
 * schema needs one, nested fields too (deny by default: a field without a rule is refused to
 * everyone, and the schema test names it):
 * - on a field (`@Field` property, `@Query`, `@Mutation` or `@ResolveField` method): that field;
 * - on an `@ObjectType` class: every field of the type that has no rule of its own;
 * - on a `@Resolver` class: every query, mutation and field it resolves that has no rule of its own.
 */
export const Roles = (...roles: Role[]) => {
  const rule: readonly Role[] = Object.freeze([...roles]);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (key === undefined) {
      SetMetadata(ROLES_KEY, rule)(target as new () => unknown);
      Extensions({ [ROLES_EXTENSION]: rule })(target as new () => unknown);
      forEachResolverMethod(target as new () => unknown, (name) => Extensions({ [ROLES_EXTENSION]: rule })((target as { prototype: object }).prototype, name));
      return;
    }
    if (descriptor) SetMetadata(ROLES_KEY, rule)(target, key, descriptor);
    Extensions({ [ROLES_EXTENSION]: rule })(target, key as string);
  };
};

/** Methods that Nest resolves as fields and that carry no @Roles of their own (method decorators run before the class's). */
const forEachResolverMethod = (type: new () => unknown, apply: (name: string) => void): void => {
  for (const name of Object.getOwnPropertyNames(type.prototype)) {
    const method: unknown = Object.getOwnPropertyDescriptor(type.prototype, name)?.value;
    if (typeof method !== 'function' || name === 'constructor') continue;
    if (Reflect.hasMetadata(RESOLVER_NAME_METADATA, method) && !Reflect.hasMetadata(ROLES_KEY, method)) apply(name);
  }
};

/** Every authenticated role reads lists and the pipeline. */
export const READERS: Role[] = ['rep', 'manager', 'auditor', 'analyst'];
/** Reps and managers write. */
export const WRITERS: Role[] = ['rep', 'manager'];
/** Managers shape how the team sells: they define, revise and archive pipelines. */
export const MANAGERS: Role[] = ['manager'];
/** The data protection officer erases people, lifts suppressions and reads personal data reports. */
export const PRIVACY_OFFICERS: Role[] = ['privacy'];
/** Leads and contacts are read by the readers, and by the data protection officer in an access report. */
export const PERSON_READERS: Role[] = [...READERS, ...PRIVACY_OFFICERS];
/**
 * A person's personal fields (name, email, phone, job title, seniority, notes, source detail): not the
 * analysts, whose counts and rates never need to know who someone is (data minimisation).
 */
export const PERSONAL_DATA_READERS: Role[] = ['rep', 'manager', 'auditor', ...PRIVACY_OFFICERS];
/** Marks a field that describes a person (DESIGN.md, Personal data): only PERSONAL_DATA_READERS read it. */
export const PersonalData = (): PropertyDecorator => Roles(...PERSONAL_DATA_READERS);
/** Events as recorded: the auditors, and the data protection officer in an access report. */
export const EVENT_READERS: Role[] = ['auditor', ...PRIVACY_OFFICERS];
/**
 * Shapes that hold nothing of their own (connections, edges, page info, money, mutation payloads):
 * whoever may reach one through the field it hangs under may read it; the fields around it decide.
 */
export const ANY_ROLE: Role[] = [...ROLES];
