import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { PipelineDefinitionDoc } from '@crm/read-models';
import { assertAuditor } from '../auth/assert-auditor';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AS_OF, rolesNote } from '../graphql/argument-descriptions';
import { PipelineDefinitions } from './pipeline-definitions.service';
import { PipelineDefinitionNode } from './pipeline-definition.types';

/** The node of a definition document: the stored stage list is already the GraphQL shape. */
export const definitionNode = (doc: PipelineDefinitionDoc): PipelineDefinitionNode => ({
  id: doc.id,
  name: doc.name,
  archived: doc.archived,
  stages: doc.stages.map((stage) => ({ ...stage })),
  // The default pipeline as shipped has no stream revision yet.
  revision: doc.revision < 0 ? null : doc.revision,
});

@Resolver(() => PipelineDefinitionNode)
@Roles(...READERS)
export class PipelineDefinitionResolver {
  constructor(private readonly definitions: PipelineDefinitions) {}

  @Query(() => [PipelineDefinitionNode], { description: `Every pipeline, archived ones included: the default pipeline first, then by name. ${rolesNote(READERS)}` })
  async pipelineDefinitions(): Promise<PipelineDefinitionNode[]> {
    return (await this.definitions.all()).map(definitionNode);
  }

  @Query(() => PipelineDefinitionNode, {
    nullable: true,
    description: `One pipeline by id; null if there is none. ${rolesNote(READERS)} With asOf (auditor, admin): its name and stages as they were then, null if it did not exist yet.`,
  })
  async pipelineDefinition(
    @Args('id', { type: () => ID, description: "The pipeline's id." }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<PipelineDefinitionNode | null> {
    if (asOf) assertAuditor(request);
    const doc = await this.definitions.find(request, id, asOf);
    return doc === null ? null : definitionNode(doc);
  }
}
