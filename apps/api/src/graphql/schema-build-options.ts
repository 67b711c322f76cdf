import type { BuildSchemaOptions } from '@nestjs/graphql';
import { DateTimeScalar } from './scalars';

/** How the code-first schema is built: shared by the served API and the printed `schema.graphql`. */
export const SCHEMA_BUILD_OPTIONS: BuildSchemaOptions = {
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
};
