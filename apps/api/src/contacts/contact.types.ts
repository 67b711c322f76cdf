import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ContactRelationship, ContactStatus } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { SortDirection } from '../graphql/enums';
import { PERSON_READERS, PersonalData, Roles } from '../auth/roles.decorator';

@ObjectType('Contact')
@Roles(...PERSON_READERS)
export class ContactNode {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Null once the person is erased, like every personal field.' }) firstName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) lastName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) fullName!: string | null;
  @Field({ description: 'The person was erased: their personal fields are gone for good, the rest of the record stays.' })
  erased!: boolean;
  @PersonalData() @Field(() => String, { nullable: true }) email!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) phone!: string | null;
  @PersonalData() @Field(() => String, { nullable: true }) jobTitle!: string | null;
  @Field(() => ContactRelationship) relationship!: ContactRelationship;
  @Field(() => ContactStatus) status!: ContactStatus;
  @Field(() => ID, { nullable: true }) sourceLeadId!: string | null;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => Int) revision!: number;
}

@ObjectType()
export class ContactConnection extends Connection(ContactNode, 'Contact') {}

@InputType()
export class ContactFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() accountId?: string;
  @Field(() => [ContactStatus], { nullable: true }) @IsOptional() @IsEnum(ContactStatus, { each: true }) status?: ContactStatus[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: 'Start of a name or email.' }) @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum ContactOrderField {
  LAST_NAME = 'lastName',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(ContactOrderField, { name: 'ContactOrderField' });

@InputType()
export class ContactOrder {
  @Field(() => ContactOrderField) @IsEnum(ContactOrderField) field!: ContactOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction!: SortDirection;
}
