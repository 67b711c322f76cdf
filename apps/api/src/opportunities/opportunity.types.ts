import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ContactRole, LossReason, OpportunityStage, OpportunityStatus } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { SortDirection } from '../graphql/enums';
import { Money } from '../graphql/money.type';
import { DecimalScalar } from '../graphql/scalars';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ObjectType()
export class OpportunityContactRole {
  @Field(() => ID) contactId!: string;
  @Field(() => ContactRole) role!: ContactRole;
  @Field() primary!: boolean;
}

@ObjectType('Opportunity')
export class OpportunityNode {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String, { nullable: true }) accountName!: string | null;
  @Field() name!: string;
  @Field(() => Money) amount!: Money;
  @Field(() => Money, { description: 'Amount times the stage probability.' }) weightedAmount!: Money;
  @Field(() => OpportunityStage) stage!: OpportunityStage;
  @Field(() => Int) probability!: number;
  @Field(() => OpportunityStatus) status!: OpportunityStatus;
  @Field() ownerId!: string;
  @Field({ description: 'YYYY-MM-DD' }) expectedCloseDate!: string;
  @Field(() => Date, { nullable: true }) stageEnteredAt!: Date | null;
  @Field(() => ID, { nullable: true }) primaryContactId!: string | null;
  @Field(() => [OpportunityContactRole]) contactRoles!: OpportunityContactRole[];
  @Field(() => LossReason, { nullable: true }) lossReason!: LossReason | null;
  @Field(() => String, { nullable: true }) competitor!: string | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Int) revision!: number;
}

@ObjectType()
export class OpportunityConnection extends Connection(OpportunityNode, 'Opportunity') {}

@InputType()
export class OpportunityFilter {
  @Field(() => [OpportunityStatus], { nullable: true }) @IsOptional() @IsEnum(OpportunityStatus, { each: true }) status?: OpportunityStatus[];
  @Field(() => [OpportunityStage], { nullable: true }) @IsOptional() @IsEnum(OpportunityStage, { each: true }) stage?: OpportunityStage[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() accountId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(3) currency?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD, inclusive' }) @IsOptional() @Matches(DATE) closeFrom?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD, inclusive' }) @IsOptional() @Matches(DATE) closeTo?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Needs currency: amounts compare within one currency.' })
  @IsOptional() minAmount?: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Needs currency.' }) @IsOptional() maxAmount?: string;
  @Field({ nullable: true, description: 'Start of the name or the account name.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum OpportunityOrderField {
  EXPECTED_CLOSE_DATE = 'expectedCloseDate',
  /** By currency, then by the exact amount within it (see opportunitySort). */
  AMOUNT = 'amount',
  NAME = 'name',
  STAGE_ENTERED_AT = 'stageEnteredAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(OpportunityOrderField, {
  name: 'OpportunityOrderField',
  valuesMap: { AMOUNT: { description: 'Currency first, then the exact amount within each currency, both in the direction asked.' } },
});

@InputType()
export class OpportunityOrder {
  @Field(() => OpportunityOrderField) @IsEnum(OpportunityOrderField) field!: OpportunityOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction!: SortDirection;
}
