import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ContactRole, LossReason, OpportunityStage } from '@crm/domain';
import { DecimalScalar } from '../graphql/scalars';
import { MutationInput } from '../shared/mutation-input';
import { OpportunityNode } from './opportunity.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = { message: 'must be a date as YYYY-MM-DD' };

@InputType()
export class OpenOpportunityInput extends MutationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field() @IsString() @MaxLength(TEXT) name!: string;
  @Field(() => DecimalScalar) @IsString() amount!: string;
  @Field() @IsString() @MaxLength(3) currency!: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(DATE, DATE_MESSAGE) expectedCloseDate!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() primaryContactId?: string;
  @Field(() => OpportunityStage, { nullable: true }) @IsOptional() @IsEnum(OpportunityStage) stage?: OpportunityStage;
}

@InputType()
export class OpportunityRefInput extends MutationInput {
  @Field(() => ID) @IsUUID() opportunityId!: string;
}

@InputType()
export class ChangeOpportunityStageInput extends OpportunityRefInput {
  @Field(() => OpportunityStage) @IsEnum(OpportunityStage) stage!: OpportunityStage;
}

@InputType()
export class ReviseOpportunityInput extends OpportunityRefInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() @IsString() amount?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) currency?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(DATE, DATE_MESSAGE) expectedCloseDate?: string;
}

@InputType()
export class AssignOpportunityInput extends OpportunityRefInput {
  @Field() @IsString() @MaxLength(TEXT) ownerId!: string;
}

@InputType()
export class AssignContactRoleInput extends OpportunityRefInput {
  @Field(() => ID) @IsUUID() contactId!: string;
  @Field(() => ContactRole) @IsEnum(ContactRole) role!: ContactRole;
  @Field({ defaultValue: false }) @IsBoolean() primary!: boolean;
}

@InputType()
export class LoseOpportunityInput extends OpportunityRefInput {
  @Field(() => LossReason) @IsEnum(LossReason) reason!: LossReason;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) competitor?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@InputType()
export class ReopenOpportunityInput extends OpportunityRefInput {
  @Field(() => OpportunityStage, { nullable: true }) @IsOptional() @IsEnum(OpportunityStage) stage?: OpportunityStage;
}

@ObjectType()
@Roles(...WRITERS)
export class OpportunityPayload {
  @Field(() => OpportunityNode, { nullable: true }) opportunity!: OpportunityNode | null;
  @Field(() => Int, { nullable: true }) revision!: number | null;
  @Field(() => String, { nullable: true }) position!: string | null;
}
