import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AccountKind, DisqualificationReason, LeadSource, Seniority } from '@crm/domain';
import { DecimalScalar } from '../graphql/scalars';
import { MutationInput } from '../shared/mutation-input';

const TEXT = 200;

/** Shape only: the domain parses email, phone, domain and names and names every bad field. */
@InputType()
export class CaptureLeadInput extends MutationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field() @IsString() @MaxLength(TEXT) firstName!: string;
  @Field() @IsString() @MaxLength(TEXT) lastName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => Seniority, { nullable: true }) @IsOptional() @IsEnum(Seniority) seniority?: Seniority;
  @Field() @IsString() @MaxLength(TEXT) companyName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) companyDomain?: string;
  @Field(() => LeadSource) @IsEnum(LeadSource) source!: LeadSource;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) sourceDetail?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
}

@InputType()
export class UpdateLeadDetailsInput extends MutationInput {
  @Field(() => ID) @IsUUID() leadId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) firstName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) lastName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => Seniority, { nullable: true }) @IsOptional() @IsEnum(Seniority) seniority?: Seniority;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) companyName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) companyDomain?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) sourceDetail?: string;
}

@InputType()
export class LeadRefInput extends MutationInput {
  @Field(() => ID) @IsUUID() leadId!: string;
}

@InputType()
export class AssignLeadInput extends LeadRefInput {
  @Field() @IsString() @MaxLength(TEXT) ownerId!: string;
}

@InputType()
export class DisqualifyLeadInput extends LeadRefInput {
  @Field(() => DisqualificationReason) @IsEnum(DisqualificationReason) reason!: DisqualificationReason;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@InputType()
export class ConvertLeadAccountInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => AccountKind, { nullable: true }) @IsOptional() @IsEnum(AccountKind) kind?: AccountKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
}

@InputType()
export class ConvertLeadOpportunityInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => DecimalScalar) @IsString() amount!: string;
  @Field() @IsString() @MaxLength(3) currency!: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; defaults to the end of the current quarter.' })
  @IsOptional() @IsString() @MaxLength(10) expectedCloseDate?: string;
}

@InputType()
export class ConvertLeadInput extends LeadRefInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() existingAccountId?: string;
  @Field(() => ConvertLeadAccountInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => ConvertLeadAccountInput) account?: ConvertLeadAccountInput;
  @Field(() => ConvertLeadOpportunityInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => ConvertLeadOpportunityInput) opportunity?: ConvertLeadOpportunityInput;
}
