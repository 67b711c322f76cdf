import 'reflect-metadata';
import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildPublicSchema } from '../schema/public-schema';
import { costLimitPlugin } from './cost-limit.plugin';

const NESTED = 'query ($n: Int, $x: Int!, $all: Boolean!) { accounts(first: $n) { edges { node { contacts(first: $n) @include(if: $all) { totalCount } } } } leads(first: $x) { totalCount } }';

describe('the cost limit plugin', () => {
  let schema: GraphQLSchema;
  let listener: GraphQLRequestListener<never>;
  let document: DocumentNode;
  beforeAll(async () => {
    schema = await buildPublicSchema();
    listener = (await costLimitPlugin(10_000).requestDidStart!({} as never)) as GraphQLRequestListener<never>;
    // One document object for every request, as Apollo's document cache hands it out.
    document = parse(NESTED);
  });

  /** What the plugin answers a request with these variables: 'ok' or the refusal's code and cost. */
  const verdict = async (variables: Record<string, unknown>): Promise<unknown> => {
    const request = { schema, document, operation: getOperationAST(document)!, request: { variables } };
    try {
      await listener.didResolveOperation!(request as unknown as GraphQLRequestContextDidResolveOperation<never>);
      return 'ok';
    } catch (error) {
      const { cost } = (error as { originalError: { cost: number } }).originalError;
      return ['refused', cost];
    }
  };

  it('weighs the same document again for other page sizes and conditions, each time as often as asked', async () => {
    const answers = [];
    for (const variables of [{ n: 5, x: 1, all: true }, { n: 200, x: 1, all: true }, { n: 5, x: 1, all: true }, { n: 200, x: 1, all: false }, { n: 200, x: 1, all: true }]) {
      answers.push(await verdict(variables));
    }
    expect(answers).toEqual(['ok', ['refused', 1 + 200 * (1 + 1 + (1 + 200 * 1)) + 1 + 1 * 1], 'ok', 'ok', ['refused', expect.any(Number)]]);
  });

  it('tells a variable left out (its default page size) from one given', async () => {
    expect([await verdict({ x: 1, all: true }), await verdict({ n: null, x: 1, all: true }), await verdict({ n: 400, x: 1, all: true })])
      .toEqual(['ok', 'ok', ['refused', expect.any(Number)]]);
  });

  it('is not fooled by a request whose other variables did not fit', async () => {
    expect(await verdict({ n: 300, x: 'one', all: true })).toBe('ok');
    expect(await verdict({ n: 300, x: 1, all: true })).toEqual(['refused', expect.any(Number)]);
  });
});
