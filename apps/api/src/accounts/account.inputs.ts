import { Field, ID, InputType, ObjectType, Int } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AccountKind } from '@crm/domain';
import { MutationInput } from '../shared/mutation-input';
import { AccountNode } from './account.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;

@InputType()
export class RegisterAccountInput extends MutationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field() @IsString() @MaxLength(TEXT) name!: string;
  @Field(() => AccountKind) @IsEnum(AccountKind) kind!: AccountKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) ownerId?: string;
}

@InputType()
export class UpdateAccountDetailsInput extends MutationInput {
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) name?: string;
  @Field(() => AccountKind, { nullable: true }) @IsOptional() @IsEnum(AccountKind) kind?: AccountKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(253) domain?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) industry?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentAccountId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;
}

@InputType()
export class AssignAccountInput extends MutationInput {
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field() @IsString() @MaxLength(TEXT) ownerId!: string;
}

@ObjectType()
@Roles(...WRITERS)
export class AccountPayload {
  @Field(() => AccountNode, { nullable: true }) account!: AccountNode | null;
  @Field(() => Int, { nullable: true }) revision!: number | null;
  @Field(() => String, { nullable: true }) position!: string | null;
}
