import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { ApiModule, BUILD_SCHEMA_OPTIONS, type ApiOptions } from '../api.module';

/** Set by Nest's @Resolver on the classes it marks. */
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';

/** Every resolver the API module provides: whatever is added to its providers is in the schema below. */
export const apiResolvers = (): Array<new (...args: never[]) => unknown> => {
  // Only the module's shape is read: nothing is started or opened.
  const providers = ApiModule.forRoot({ jwtSecret: 'x'.repeat(32), stores: {} } as ApiOptions).providers ?? [];
  return providers.filter((provider): provider is new () => unknown => typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_NAME_METADATA, provider));
};

/** The API's GraphQL schema as the server builds it, without a server: for tests that read the whole schema. */
export const buildApiSchema = async (): Promise<GraphQLSchema> => {
  const builder = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await builder.init();
    return await builder.get(GraphQLSchemaFactory).create(apiResolvers(), BUILD_SCHEMA_OPTIONS);
  } finally {
    await builder.close();
  }
};
