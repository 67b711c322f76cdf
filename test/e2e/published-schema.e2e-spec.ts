import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import { startServer, type RunningServer } from '../support/running-server';

describe('schema.graphql', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(async () => server?.stop());

  it('is the schema the started process serves, as a client introspecting it with a token sees it', async () => {
    const answer = await server.gql<IntrospectionQuery>(await server.token('rep'), getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(answer.errors).toBeUndefined();
    const served = printSchema(buildClientSchema(answer.data as IntrospectionQuery));
    expect(`${served}\n`).toBe(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));
  });
});
