import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ForecastCategory, StageKind } from '@crm/domain';
import { READERS, Roles } from '../auth/roles.decorator';

@ObjectType({ description: 'One stage of a pipeline as it is defined: what opportunities at it mean.' })
@Roles(...READERS)
export class PipelineStageDefinitionNode {
  @Field({ description: 'What opportunities record: A-Z, 0-9 and _, at most 40 characters; unique in its pipeline, and a revision that keeps it keeps its kind.' })
  key!: string;
  @Field({ description: 'What people call it.' }) name!: string;
  @Field(() => Int, { description: 'The chance of winning in whole percent (0-100): what its amounts are weighted by.' }) probability!: number;
  @Field(() => StageKind, { description: 'OPEN, or the WON or a LOST stage that closing reaches.' }) kind!: StageKind;
  @Field(() => ForecastCategory, { description: 'Where its opportunities count in a forecast.' }) forecastCategory!: ForecastCategory;
}

@ObjectType('PipelineDefinition', { description: 'A pipeline: its name and its stages in order. Every store has the default pipeline "Sales".' })
@Roles(...READERS)
export class PipelineDefinitionNode {
  @Field(() => ID, { description: "The pipeline's id, a lowercase UUID; the default pipeline's is 00000000-0000-4000-8000-000000000001." }) id!: string;
  @Field({ description: 'What the pipeline is called.' }) name!: string;
  @Field({ description: 'true once archived: it takes no new opportunities, and its open ones stay where they are.' }) archived!: boolean;
  @Field(() => [PipelineStageDefinitionNode], { description: 'The stages in order: at least one OPEN, exactly one WON, at least one LOST.' })
  stages!: PipelineStageDefinitionNode[];
  @Field(() => Int, {
    nullable: true,
    description: "Revision of the pipeline's stream (0-based) this view reflects: the `expectedRevision` for a next write; null for the default pipeline before anyone revised it.",
  })
  revision!: number | null;
}
