import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { selectsField } from './selects-field';

/** What `selectsField` reads of a resolver's info, for the root field of `document`. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsField', () => {
  it.each([
    ['directly', '{ pipelineMovement { currencies { end { opportunities { totalCount } } } } }', true],
    ['in an inline fragment', '{ pipelineMovement { currencies { ... on CurrencyMovement { won { opportunities { totalCount } } } } } }', true],
    ['in a named fragment', '{ pipelineMovement { currencies { end { ...B } } } } fragment B on MovementBucket { opportunities { totalCount } }', true],
    ['in a fragment that spreads itself again', '{ pipelineMovement { ...M } } fragment M on PipelineMovement { currencies { currency } ...M }', false],
    ['not at all', '{ pipelineMovement { currencies { currency end { count amount { amount } } } } }', false],
  ])('finds the field %s, or says it is not there', (_, document, expected) => {
    expect(selectsField(infoOf(document), 'opportunities')).toBe(expected);
  });
});
