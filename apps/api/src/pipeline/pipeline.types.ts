import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OpportunityStage } from '@crm/domain';
import { Money } from '../graphql/money.type';
import { READERS, Roles } from '../auth/roles.decorator';

const MONTH_OR_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

@InputType({ description: 'Close dates filter by month: a date counts for its whole month.' })
export class PipelineFilter {
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
  @Field(() => OpportunityStage, { description: 'The stage.' }) stage!: OpportunityStage;
  @Field(() => Int, { description: "The stage's probability in whole percent, which weights its amounts." }) probability!: number;
  @Field(() => Int, {
    description: 'Opportunities at this stage now that match the filter; CLOSED_WON and CLOSED_LOST hold every one won or lost and not reopened since.',
  })
  count!: number;
  @Field(() => [Money], { description: 'One entry per currency; no conversion between currencies.' }) amounts!: Money[];
  @Field(() => [Money], { description: 'Each amount times the probability, rounded per opportunity to the minor unit; one entry per currency.' })
  weightedAmounts!: Money[];
}

@ObjectType({ description: 'The default pipeline: its opportunities counted and summed per stage, per currency.' })
@Roles(...READERS)
export class Pipeline {
  @Field(() => [PipelineStage], { description: 'Every stage in pipeline order, PROSPECTING to CLOSED_LOST, empty ones included.' })
  stages!: PipelineStage[];
}
