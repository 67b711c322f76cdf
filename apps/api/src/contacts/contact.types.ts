import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ContactRelationship, ContactStatus } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { FILTER, ORDER_BY } from '../graphql/argument-descriptions';
import { PageArgs } from '../graphql/page-args';
import { SortDirection } from '../graphql/enums';
import { PERSON_READERS, PersonalData, Roles } from '../auth/roles.decorator';

@ObjectType('Contact', {
  description:
    'A natural person with a role at one account. Their personal fields (names, email, phone, job title) are encrypted per person in the log and read as null once the person is erased, ' +
    'also when read as of an instant before the erasure.',
})
@Roles(...PERSON_READERS)
export class ContactNode {
  @Field(() => ID, { description: "The contact's id, a lowercase UUID." }) id!: string;
  @Field(() => ID, { description: 'The account the contact works at; for a contact who left, the account they left. `account` gives the account itself.' }) accountId!: string;
  @PersonalData() @Field(() => String, { nullable: true, description: 'First name; null once the person is erased, like every personal field.' }) firstName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Last name; null once the person is erased.' }) lastName!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: 'First and last name joined by a space; null once the person is erased.' }) fullName!: string | null;
  @Field({
    description:
      'The person was erased: their personal fields are gone for good, the rest of the record stays. ' +
      'As of an instant before the erasure it reads false, while the personal fields already read null.',
  })
  erased!: boolean;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Email address, its domain in lowercase; null when none is recorded or the person is erased.' })
  email!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Phone number in E.164 form ("+31612345678"); null when none is recorded or the person is erased.' })
  phone!: string | null;
  @PersonalData() @Field(() => String, { nullable: true, description: 'Job title at the current account; null when none is recorded or the person is erased.' })
  jobTitle!: string | null;
  @Field(() => ContactRelationship, { description: 'How the person is tied to the account.' }) relationship!: ContactRelationship;
  @Field(() => ContactStatus, { description: 'ACTIVE at the account, or LEFT: a contact who left is read-only until moved to an account again.' })
  status!: ContactStatus;
  @Field(() => ID, { nullable: true, description: 'The lead this contact was converted from; null for a contact added directly.' })
  sourceLeadId!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the contact was added.' }) createdAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the contact last changed.' }) updatedAt!: Date | null;
  @Field(() => Int, { description: "Revision of the contact's stream (0-based) this view reflects: the `expectedRevision` for a next write." })
  revision!: number;
  /** Set on a node read as of an instant: its links are read as of the same instant. */
  asOf?: Date;
}

@ObjectType({ description: 'A page of contacts.' })
export class ContactConnection extends Connection(ContactNode, 'Contact') {}

@InputType({ description: 'Which contacts to list.' })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: 'Contacts at this account, including those who left it (unless `status` says otherwise).' })
  @IsOptional() @IsUUID() accountId?: string;
  @Field(() => [ContactStatus], { nullable: true, description: 'Contacts with any of these statuses.' })
  @IsOptional() @IsEnum(ContactStatus, { each: true }) status?: ContactStatus[];
  @Field({ nullable: true, description: 'The exact email address, lowercased before it is compared.' })
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: 'Words that each start a word of the first or last name, email or phone digits (any letter case, accents aside); all must match. Without orderBy, the best matches come first.' })
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export enum ContactOrderField {
  LAST_NAME = 'lastName',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(ContactOrderField, {
  name: 'ContactOrderField',
  description: 'What contacts can be sorted by.',
  valuesMap: {
    LAST_NAME: { description: 'Last name (erased people have none).' },
    CREATED_AT: { description: 'When the contact was added.' },
    UPDATED_AT: { description: 'When the contact last changed.' },
  },
});

@InputType({ description: 'How to sort contacts; by last name, ascending, when omitted.' })
export class ContactOrder {
  @Field(() => ContactOrderField, { description: 'The field to sort by.' }) @IsEnum(ContactOrderField) field!: ContactOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending unless told otherwise.' })
  @IsEnum(SortDirection) direction!: SortDirection;
}

/** A contact list's arguments: Nest hands a resolver's arguments to an argument class whole, so they are declared together. */
@ArgsType()
export class ContactListArgs extends PageArgs {
  @Field(() => ContactFilter, { nullable: true, description: FILTER }) @IsOptional() @ValidateNested() @Type(() => ContactFilter) filter?: ContactFilter;
  @Field(() => ContactOrder, { nullable: true, description: ORDER_BY }) @IsOptional() @ValidateNested() @Type(() => ContactOrder) orderBy?: ContactOrder;
}
