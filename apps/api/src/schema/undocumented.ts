import {
  isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLArgument,
  type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';

const isOwnType = (type: GraphQLNamedType): boolean => !type.name.startsWith('__') && !isSpecifiedScalarType(type);

const blank = (description: string | null | undefined): boolean => !description?.trim();

const undocumentedArgs = (owner: string, args: readonly GraphQLArgument[]): string[] =>
  args.filter((arg) => blank(arg.description)).map((arg) => `${owner}(${arg.name})`);

/** The members of one named type that carry no description: fields, their arguments, input fields, enum values. */
const undocumentedMembers = (type: GraphQLNamedType): string[] => {
  if (isObjectType(type) || isInterfaceType(type)) {
    return Object.values(type.getFields()).flatMap((field) => [
      ...(blank(field.description) ? [`${type.name}.${field.name}`] : []),
      ...undocumentedArgs(`${type.name}.${field.name}`, field.args),
    ]);
  }
  if (isInputObjectType(type)) {
    return Object.values(type.getFields()).filter((field) => blank(field.description)).map((field) => `${type.name}.${field.name}`);
  }
  if (isEnumType(type)) {
    return type.getValues().filter((value) => blank(value.description)).map((value) => `${type.name}.${value.name}`);
  }
  return [];
};

/**
 * Every type, field, argument, input field and enum value of the public contract that has no
 * description, by its coordinate (`Lead.status`, `Query.leads(first)`). Client developers read the
 * schema in their tools: each of these is a name left unexplained.
 */
export const undocumentedCoordinates = (schema: GraphQLSchema): string[] =>
  Object.values(schema.getTypeMap())
    .filter(isOwnType)
    .flatMap((type) => [...(blank(type.description) ? [type.name] : []), ...undocumentedMembers(type)])
    .sort();
