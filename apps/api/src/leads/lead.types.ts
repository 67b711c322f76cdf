import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { DisqualificationReason, LeadSource, LeadStatus, Seniority } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { SortDirection } from '../graphql/enums';
import { PERSON_READERS, PersonalData, Roles } from '../auth/roles.decorator';

@ObjectType('Lead')
@Roles(...PERSON_READERS)
export class LeadNode {
  @Field(() => ID) id!: string;
  @Field(() => LeadStatus) status!: LeadStatus;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Null once the person is erased, like every personal field.' }) firstName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) lastName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field({ description: 'The person was erased: their personal fields are gone for good, the rest of the record stays.' })
  erased!: boolean;
  @PersonalData() @Field(() => String, { nullable: true }) email!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) phone!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) jobTitle!: string | null;
  @PersonalData() @Field(() => Seniority, { nullable: true }) seniority!: Seniority | null;
  @Field() companyName!: string;
  @Field(() => String, { nullable: true }) companyDomain!: string | null;
  @Field(() => LeadSource) source!: LeadSource;
  @PersonalData() @Field(() => String, { nullable: true }) sourceDetail!: string | null;
  @Field(() => String, { nullable: true }) ownerId!: string | null;
  @Field(() => DisqualificationReason, { nullable: true }) disqualificationReason!: DisqualificationReason | null;
  @PersonalData() @Field(() => String, { nullable: true }) disqualificationNotes!: string | null;
  @Field(() => ID, { nullable: true }) convertedAccountId!: string | null;
  @Field(() => ID, { nullable: true }) convertedContactId!: string | null;
  @Field(() => ID, { nullable: true }) convertedOpportunityId!: string | null;
  @Field(() => Date, { nullable: true }) capturedAt!: Date | null;
  @Field(() => Date, { nullable: true }) qualifiedAt!: Date | null;
  @Field(() => Date, { nullable: true }) disqualifiedAt!: Date | null;
  @Field(() => Date, { nullable: true }) convertedAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Int, { description: 'Revision of the lead stream; pass it as expectedRevision.' }) revision!: number;
}

@ObjectType()
export class LeadConnection extends Connection(LeadNode, 'Lead') {}

@InputType()
export class LeadFilter {
  @Field(() => [LeadStatus], { nullable: true }) @IsOptional() @IsEnum(LeadStatus, { each: true }) status?: LeadStatus[];
  @Field(() => [LeadSource], { nullable: true }) @IsOptional() @IsEnum(LeadSource, { each: true }) source?: LeadSource[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true, description: 'Words that start a name, email or company name.' })
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() capturedFrom?: Date;
  @Field(() => Date, { nullable: true }) @IsOptional() capturedTo?: Date;
}

export enum LeadOrderField {
  CAPTURED_AT = 'capturedAt',
  UPDATED_AT = 'updatedAt',
  LAST_NAME = 'lastName',
  COMPANY_NAME = 'companyName',
  STATUS = 'status',
}

@InputType()
export class LeadOrder {
  @Field(() => LeadOrderField) @IsEnum(LeadOrderField) field!: LeadOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction!: SortDirection;
}

registerEnumType(LeadOrderField, { name: 'LeadOrderField' });
