import type { BuildSchemaOptions } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { withCaseInsensitiveIds } from './case-insensitive-id';
import { describeRootTypes } from './root-types';
import { DateTimeScalar } from './scalars';

/** How the code-first schema is built: shared by the served API and the printed `schema.graphql`. */
export const SCHEMA_BUILD_OPTIONS: BuildSchemaOptions = {
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
};

/** What the built schema goes through before it is served or printed. */
export const transformPublicSchema = (schema: GraphQLSchema): GraphQLSchema => describeRootTypes(withCaseInsensitiveIds(schema));
