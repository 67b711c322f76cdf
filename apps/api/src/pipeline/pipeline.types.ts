import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OpportunityStage } from '@crm/domain';
import { Money } from '../graphql/money.type';
import { READERS, Roles } from '../auth/roles.decorator';

const MONTH_OR_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

@InputType({ description: 'Close dates filter by month: a date counts for its whole month.' })
export class PipelineFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) closeFrom?: string;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) closeTo?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) currency?: string;
}

@ObjectType()
@Roles(...READERS)
export class PipelineStage {
  @Field(() => OpportunityStage) stage!: OpportunityStage;
  @Field(() => Int) probability!: number;
  @Field(() => Int) count!: number;
  @Field(() => [Money], { description: 'One entry per currency; no conversion between currencies.' }) amounts!: Money[];
  @Field(() => [Money]) weightedAmounts!: Money[];
}

@ObjectType()
@Roles(...READERS)
export class Pipeline {
  @Field(() => [PipelineStage]) stages!: PipelineStage[];
}
