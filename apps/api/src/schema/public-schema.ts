import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import '../graphql/enums';
import { SCHEMA_BUILD_OPTIONS, transformPublicSchema } from '../graphql/schema-build-options';
import { API_RESOLVERS } from './api-resolvers';

/** The public schema as the API serves it (sorted like the served one), built without any store. */
export const buildPublicSchema = async (): Promise<GraphQLSchema> => {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(API_RESOLVERS, SCHEMA_BUILD_OPTIONS);
    return lexicographicSortSchema(transformPublicSchema(schema));
  } finally {
    await app.close();
  }
};

/** The text of `schema.graphql`: what client developers generate their types from. */
export const printPublicSchema = async (): Promise<string> => `${printSchema(await buildPublicSchema())}\n`;
