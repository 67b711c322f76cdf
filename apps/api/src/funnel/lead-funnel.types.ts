import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsISO8601, IsOptional, Matches } from 'class-validator';
import { LeadSource } from '@crm/domain';
import { READERS, Roles } from '../auth/roles.decorator';

/** The shape; `IsISO8601` strict adds that the month and the day exist ("2026-13" and "2026-02-30" do not). */
const MONTH_OR_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const REAL_DATE = { strict: true, strictSeparator: true };

@InputType({ description: 'Capture dates filter by month: a date counts for its whole month.' })
export class LeadFunnelFilter {
  @Field(() => LeadSource, { nullable: true, description: 'Only leads from this source; every source when omitted.' }) @IsOptional() @IsEnum(LeadSource) source?: LeadSource;
  @Field({ nullable: true, description: 'First capture month counted: YYYY-MM, or YYYY-MM-DD for its whole month (UTC), inclusive.' }) @IsOptional() @Matches(MONTH_OR_DATE) @IsISO8601(REAL_DATE) capturedFrom?: string;
  @Field({ nullable: true, description: 'Last capture month counted: YYYY-MM, or YYYY-MM-DD for its whole month (UTC), inclusive.' }) @IsOptional() @Matches(MONTH_OR_DATE) @IsISO8601(REAL_DATE) capturedTo?: string;
}

const MEDIAN = 'Exact to within half an hour below a week and half a day below a year; 8760 for a year or more.';

@ObjectType({ description: 'How far the leads captured from one source (in the months asked for) got. Counts are of leads, each counted once per step.' })
@Roles(...READERS)
export class LeadFunnelSource {
  @Field(() => LeadSource, { description: 'The source these leads came from.' }) source!: LeadSource;
  @Field(() => Int, { description: 'Leads captured.' }) captured!: number;
  @Field(() => Int, { description: 'Of those, leads that were ever WORKING (started, or reopened after a disqualification).' }) worked!: number;
  @Field(() => Int, { description: 'Of those, leads that were ever QUALIFIED.' }) qualified!: number;
  @Field(() => Int, { description: 'Of those, leads DISQUALIFIED now: a reopened lead no longer counts.' }) disqualified!: number;
  @Field(() => Int, { description: 'Of those, leads CONVERTED.' }) converted!: number;
  @Field(() => Float, { description: 'qualified / captured, a fraction from 0 to 1; 0 when nothing was captured.' }) qualificationRate!: number;
  @Field(() => Float, { description: 'converted / captured, a fraction from 0 to 1; 0 when nothing was captured.' }) conversionRate!: number;
  @Field(() => Float, { nullable: true, description: `Median hours from capture to first qualification; null when none qualified. ${MEDIAN}` }) medianHoursToQualify!: number | null;
  @Field(() => Float, { nullable: true, description: `Median hours from capture to conversion; null when none converted. ${MEDIAN}` }) medianHoursToConvert!: number | null;
}

@ObjectType({ description: 'The lead funnel: per source, how many leads were captured, worked, qualified, disqualified and converted, and how fast.' })
@Roles(...READERS)
export class LeadFunnel {
  @Field(() => [LeadFunnelSource], { description: 'One entry per source that captured leads in the months asked for, in the order of LeadSource; sources without leads are left out.' })
  sources!: LeadFunnelSource[];
}
