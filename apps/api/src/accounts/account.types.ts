import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AccountKind } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { SortDirection } from '../graphql/enums';
import { Money } from '../graphql/money.type';
import { READERS, Roles } from '../auth/roles.decorator';

@ObjectType('Account')
@Roles(...READERS)
export class AccountNode {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => AccountKind) kind!: AccountKind;
  @Field(() => String, { nullable: true }) domain!: string | null;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => ID, { nullable: true }) parentAccountId!: string | null;
  @Field(() => String, { nullable: true }) registrationNumber!: string | null;
  @Field(() => String, { nullable: true }) ownerId!: string | null;
  @Field(() => Int) contactCount!: number;
  @Field(() => Int) activeContactCount!: number;
  @Field({ description: 'At most one active contact: the relationship hangs on one person.' }) singleThreaded!: boolean;
  @Field(() => Int) openOpportunityCount!: number;
  @Field(() => [Money], { description: 'Open opportunity amounts, one entry per currency.' }) openPipeline!: Money[];
  @Field(() => [Money], { description: 'Won opportunity amounts, one entry per currency.' }) wonAmount!: Money[];
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Int) revision!: number;
}

@ObjectType()
export class AccountConnection extends Connection(AccountNode, 'Account') {}

@InputType()
export class AccountFilter {
  @Field(() => [AccountKind], { nullable: true }) @IsOptional() @IsEnum(AccountKind, { each: true }) kind?: AccountKind[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerId?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() singleThreaded?: boolean;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true, description: 'Start of the name or web domain.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum AccountOrderField {
  NAME = 'name',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  OPEN_OPPORTUNITY_COUNT = 'openOpportunityCount',
  ACTIVE_CONTACT_COUNT = 'activeContactCount',
}
registerEnumType(AccountOrderField, { name: 'AccountOrderField' });

@InputType()
export class AccountOrder {
  @Field(() => AccountOrderField) @IsEnum(AccountOrderField) field!: AccountOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction!: SortDirection;
}
