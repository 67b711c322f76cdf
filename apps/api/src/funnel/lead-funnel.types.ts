import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { LeadSource } from '@crm/domain';
import { READERS, Roles } from '../auth/roles.decorator';

const MONTH_OR_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

@InputType({ description: 'Capture dates filter by month: a date counts for its whole month.' })
export class LeadFunnelFilter {
  @Field(() => LeadSource, { nullable: true }) @IsOptional() @IsEnum(LeadSource) source?: LeadSource;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) capturedFrom?: string;
  @Field({ nullable: true, description: 'YYYY-MM or YYYY-MM-DD (its month), inclusive' }) @IsOptional() @Matches(MONTH_OR_DATE) capturedTo?: string;
}

@ObjectType()
@Roles(...READERS)
export class LeadFunnelSource {
  @Field(() => LeadSource) source!: LeadSource;
  @Field(() => Int) captured!: number;
  @Field(() => Int) worked!: number;
  @Field(() => Int) qualified!: number;
  @Field(() => Int) disqualified!: number;
  @Field(() => Int) converted!: number;
  @Field(() => Float) qualificationRate!: number;
  @Field(() => Float) conversionRate!: number;
  @Field(() => Float, { nullable: true }) medianHoursToQualify!: number | null;
  @Field(() => Float, { nullable: true }) medianHoursToConvert!: number | null;
}

@ObjectType()
@Roles(...READERS)
export class LeadFunnel {
  @Field(() => [LeadFunnelSource]) sources!: LeadFunnelSource[];
}
