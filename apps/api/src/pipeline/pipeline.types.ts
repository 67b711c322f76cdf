import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ForecastCategory, StageKind } from '@crm/domain';
import { PipelineDefinitionNode } from '../pipelines/pipeline-definition.types';
import { Money } from '../graphql/money.type';
import { READERS, Roles } from '../auth/roles.decorator';

const MONTH_OR_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

@InputType({ description: 'Close dates filter by month: a date counts for its whole month.' })
export class PipelineFilter {
  @Field(() => ID, { nullable: true, description: 'The pipeline; the default pipeline when omitted. An unknown one is NOT_FOUND.' })
  @IsOptional() @IsUUID() pipelineId?: string;
  @Field({ nullable: true, description: "Only opportunities owned by this user id (a token's `sub`)." })
  @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) closeFrom?: string;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) closeTo?: string;
  @Field({ nullable: true, description: 'Only opportunities in this ISO 4217 currency, such as EUR (any case).' })
  @IsOptional() @IsString() @MaxLength(3) currency?: string;
}

@ObjectType({ description: 'One stage of the pipeline: its opportunities, counted and summed.' })
@Roles(...READERS)
export class PipelineStage {
  @Field({ description: "The stage's key." }) stage!: string;
  @Field({ description: "The stage's name." }) name!: string;
  @Field(() => StageKind, { description: 'OPEN, WON or LOST.' }) kind!: StageKind;
  @Field(() => ForecastCategory, { description: 'Where its opportunities count in a forecast.' }) forecastCategory!: ForecastCategory;
  @Field(() => Int, { description: "The stage's probability in whole percent as the pipeline defines it now (read with asOf: as it defined it then), which weights its amounts." }) probability!: number;
  @Field(() => Int, {
    description: 'Opportunities at this stage now (or at the asOf instant) that match the filter; the WON and LOST stages hold every one won or lost there and not reopened since.',
  })
  count!: number;
  @Field(() => [Money], { description: 'One entry per currency; no conversion between currencies.' }) amounts!: Money[];
  @Field(() => [Money], { description: "Each currency's amount times the stage's probability, rounded half away from zero to the minor unit; one entry per currency." })
  weightedAmounts!: Money[];
}

@ObjectType({ description: "One pipeline's opportunities counted and summed per stage, per currency." })
@Roles(...READERS)
export class Pipeline {
  @Field(() => PipelineDefinitionNode, { description: 'The pipeline these figures are of.' }) pipeline!: PipelineDefinitionNode;
  @Field(() => [PipelineStage], {
    description:
      'Every stage in pipeline order (PROSPECTING to CLOSED_LOST in the default pipeline), empty ones included; a stage just removed whose opportunities are still being moved comes last, named by its key.',
  })
  stages!: PipelineStage[];
}
