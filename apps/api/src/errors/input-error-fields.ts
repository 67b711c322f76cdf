import {
  BREAK, coerceInputValue, GraphQLError, Kind, typeFromAST, visit,
  type ASTNode, type DocumentNode, type GraphQLInputType, type GraphQLSchema, type VariableDefinitionNode,
} from 'graphql';
import type { FieldError } from '@crm/domain';

/** What a request gives to name the fields of an input error. */
export interface InputErrorRequest {
  schema: GraphQLSchema;
  document?: DocumentNode;
  variables?: Readonly<Record<string, unknown>>;
}

type Path = ReadonlyArray<string | number>;

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT, Kind.OBJECT_FIELD,
]);

/**
 * The fields an error of GraphQL's own input coercion is about, named as our other BAD_USER_INPUT
 * errors name them (see `fieldName`); null when the error is not about an input value (syntax, an
 * unknown field in a selection, a limit). Paths come from the document's nodes and from coercing
 * the variables again, never from the message, which quotes what the client sent; only the name of
 * a missing or unknown input field is read from it, being the last thing in it that names a field.
 */
export const inputErrorFields = (error: GraphQLError, request: InputErrorRequest): FieldError[] | null => {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (node === undefined || request.document === undefined) return null;
  if (node.kind === Kind.VARIABLE_DEFINITION) return variableErrorFields(error, node, request, request.document);
  if (!VALUE_KINDS.has(node.kind)) return null;
  const place = placeOf(request.document, node);
  if (place === null) return null;
  // An unknown field is reported on its own node (already in the path), a missing one on its object.
  const within = [...place.segments, ...missingFieldOf(error.message)];
  const prefixes = place.variable === null ? [[]] : usagesOf(request.document, place.variable);
  return named(prefixes.map((prefix) => [...prefix, ...within]), error.message);
};

/** A variable's value failed coercion: coerced again, for the path inside it of each failure. */
const variableErrorFields = (
  error: GraphQLError, definition: VariableDefinitionNode, request: InputErrorRequest, document: DocumentNode,
): FieldError[] | null => {
  const name = definition.variable.name.value;
  if (!error.message.startsWith(`Variable "$${name}" `)) return null;
  const within = failureInside(name, definition, request, error.message);
  return named(usagesOf(document, name).map((prefix) => [...prefix, ...within.path]), within.message);
};

const failureInside = (
  name: string, definition: VariableDefinitionNode, request: InputErrorRequest, message: string,
): { path: Path; message: string } => {
  const type = typeFromAST(request.schema, definition.type) as GraphQLInputType | undefined;
  const value = request.variables?.[name];
  const failures: Array<{ path: Path; message: string }> = [];
  if (type !== undefined && value !== undefined && value !== null) {
    coerceInputValue(value, type, (path, _invalid, failure) => failures.push({ path, message: failure.message }));
  }
  // graphql-js words each failure as `... at "<name><path>"; <failure>`; the path, printed, tells them apart.
  const same = failures.find((f) => message.endsWith(`${f.path.length > 0 ? ` at "${name}${printPath(f.path)}"` : ''}; ${f.message}`));
  if (same === undefined) return { path: [], message };
  return { path: [...same.path, ...missingFieldOf(same.message), ...unknownFieldOf(same.message)], message: same.message };
};

const printPath = (path: Path): string => path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');

/** A missing required field is reported on the object that lacks it: the field it names. */
const missingFieldOf = (message: string): string[] => {
  const missing = /^Field "(?:[_A-Za-z]\w*\.)?([_A-Za-z]\w*)" of required type "[^"]+" was not provided\./.exec(message);
  return missing ? [missing[1]] : [];
};

/**
 * In a variable, an unknown field is reported on its object: the field it names, as the client
 * spelled it (any text), up to the last `" is not defined by type "` (what follows is ours).
 */
const unknownFieldOf = (message: string): string[] => {
  const end = message.lastIndexOf('" is not defined by type "');
  return message.startsWith('Field "') && end >= 'Field "'.length ? [message.slice('Field "'.length, end)] : [];
};

interface Place {
  /** Argument name, then object fields and list indexes down to the node. */
  segments: string[];
  /** Set when the node is in a variable's default value rather than in an argument. */
  variable: string | null;
}

/** Where a node sits in the document, or null when it is in no argument and no variable default. */
const placeOf = (document: DocumentNode, target: ASTNode): Place | null => {
  let path: Path | null = null;
  visit(document, {
    enter(node, _key, _parent, nodePath) {
      if (node !== target) return undefined;
      path = [...nodePath];
      return BREAK;
    },
  });
  return path === null ? null : walk(document, path);
};

const walk = (document: DocumentNode, path: Path): Place | null => {
  let current: unknown = document;
  let lastNode: ASTNode = document;
  let place: Place | null = null;
  for (const key of path) {
    current = (current as Record<string | number, unknown>)[key];
    if (typeof key === 'number' && lastNode.kind === Kind.LIST) place?.segments.push(String(key));
    if (!isNode(current)) continue;
    lastNode = current;
    if (current.kind === Kind.ARGUMENT) place = { segments: [current.name.value], variable: null };
    else if (current.kind === Kind.VARIABLE_DEFINITION) place = { segments: [], variable: current.variable.name.value };
    else if (current.kind === Kind.OBJECT_FIELD) place?.segments.push(current.name.value);
  }
  return place;
};

const isNode = (value: unknown): value is ASTNode =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

/** The argument paths where a variable is used (one per use); the variable's own name if nowhere. */
const usagesOf = (document: DocumentNode, variable: string): Path[] => {
  const paths: Path[] = [];
  visit(document, {
    Variable(node, _key, _parent, nodePath) {
      if (node.name.value !== variable) return;
      const place = walk(document, nodePath);
      if (place !== null && place.variable === null) paths.push(place.segments);
    },
  });
  return paths.length > 0 ? paths : [[variable]];
};

/**
 * A field is named by its path from the argument it is in, segments joined by dots (list items by
 * their index, as class-validator names nested errors). A mutation's one `input` argument is left
 * out, as the input validation and the domain's parsers name its fields (`amount`, `account.name`).
 */
export const fieldName = (path: Path): string =>
  (path.length > 1 && path[0] === 'input' ? path.slice(1) : path).map(String).join('.');

const named = (paths: Path[], message: string): FieldError[] =>
  [...new Set(paths.map(fieldName))].map((field) => ({ field, message }));
