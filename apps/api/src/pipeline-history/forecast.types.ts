import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ForecastCategory, StageKind } from '@crm/domain';
import { READERS, Roles } from '../auth/roles.decorator';
import { Money } from '../graphql/money.type';
import { PipelineDefinitionNode } from '../pipelines/pipeline-definition.types';

export enum ForecastPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(ForecastPeriod, {
  name: 'ForecastPeriod',
  description: 'How a forecast groups close dates.',
  valuesMap: { MONTH: { description: 'Per calendar month (UTC): "2027-03".' }, QUARTER: { description: 'Per calendar quarter (UTC): "2027-Q1".' } },
});

@ObjectType({ description: 'One close period and forecast category of a forecast; money per currency, never converted.' })
@Roles(...READERS)
export class ForecastRow {
  @Field({ description: 'The period: "2027-03" by month, "2027-Q1" by quarter.' }) period!: string;
  @Field(() => ForecastCategory, { description: "The forecast category of the opportunities' stages." }) category!: ForecastCategory;
  @Field(() => Int, { description: 'Open opportunities expected to close in the period, at stages of this category.' }) count!: number;
  @Field(() => [Money], { description: 'Their amounts, one entry per currency.' }) amounts!: Money[];
  @Field(() => [Money], { description: "Their amounts weighted by their stage's probability, rounded half away from zero to the minor unit once per currency." })
  weightedAmounts!: Money[];
  @Field(() => [Money], { description: 'What was won in the period (by the instant it was won) by opportunities whose stage had this category just before: what this category delivered.' })
  won!: Money[];
}

@ObjectType({ description: "A pipeline's forecast: open opportunities by expected close period and forecast category, and what was won in each period." })
@Roles(...READERS)
export class Forecast {
  @Field(() => PipelineDefinitionNode, { description: 'The pipeline, as defined now.' }) pipeline!: PipelineDefinitionNode;
  @Field(() => ForecastPeriod, { description: 'How the rows group close dates.' }) period!: ForecastPeriod;
  @Field(() => [ForecastRow], { description: 'By period, then category in the order PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED; combinations with nothing in them left out.' })
  rows!: ForecastRow[];
}

@ObjectType({ description: 'How opportunities pass one stage.' })
@Roles(...READERS)
export class StageVelocityStage {
  @Field({ description: "The stage's key." }) stage!: string;
  @Field({ description: "The stage's name." }) name!: string;
  @Field(() => StageKind, { description: 'OPEN, WON or LOST.' }) kind!: StageKind;
  @Field(() => Int, { description: 'How many times an opportunity (matching the filter as it is now) entered the stage: opened at it or moved to it.' }) entered!: number;
  @Field(() => Float, { nullable: true, description: 'Median days spent in the stage by the stays that ended; null when none ended.' }) medianDays!: number | null;
  @Field(() => Float, { nullable: true, description: '90th percentile (nearest rank) of those days; null when none ended.' }) p90Days!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share (0 to 1) of the entries that moved on to the next stage in pipeline order; null for WON and LOST stages or without entries.' })
  toNextStageRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share (0 to 1) of the entries whose opportunity was won after it and is won now; null without entries.' })
  toWonRate!: number | null;
}

@ObjectType({ description: "How fast opportunities move through a pipeline's stages, from their whole history." })
@Roles(...READERS)
export class StageVelocity {
  @Field(() => PipelineDefinitionNode, { description: 'The pipeline, as defined now.' }) pipeline!: PipelineDefinitionNode;
  @Field(() => [StageVelocityStage], { description: 'Every stage of the pipeline, in pipeline order.' }) stages!: StageVelocityStage[];
}
