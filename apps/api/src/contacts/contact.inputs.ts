import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ContactRelationship } from '@crm/domain';
import { MutationInput } from '../shared/mutation-input';
import { ContactNode } from './contact.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;

@InputType()
export class AddContactInput extends MutationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field(() => ID) @IsUUID() accountId!: string;
  @Field() @IsString() @MaxLength(TEXT) firstName!: string;
  @Field() @IsString() @MaxLength(TEXT) lastName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship) @IsEnum(ContactRelationship) relationship!: ContactRelationship;
}

@InputType()
export class UpdateContactDetailsInput extends MutationInput {
  @Field(() => ID) @IsUUID() contactId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) firstName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) lastName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship, { nullable: true }) @IsOptional() @IsEnum(ContactRelationship) relationship?: ContactRelationship;
}

@InputType()
export class MoveContactInput extends MutationInput {
  @Field(() => ID) @IsUUID() contactId!: string;
  @Field(() => ID) @IsUUID() toAccountId!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship, { nullable: true }) @IsOptional() @IsEnum(ContactRelationship) relationship?: ContactRelationship;
}

@InputType()
export class MarkContactLeftInput extends MutationInput {
  @Field(() => ID) @IsUUID() contactId!: string;
}

@ObjectType()
@Roles(...WRITERS)
export class ContactPayload {
  @Field(() => ContactNode, { nullable: true }) contact!: ContactNode | null;
  @Field(() => Int, { nullable: true }) revision!: number | null;
  @Field(() => String, { nullable: true }) position!: string | null;
}
