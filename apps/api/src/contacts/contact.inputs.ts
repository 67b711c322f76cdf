import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ContactRelationship } from '@crm/domain';
import { MutationInput, REPLAYED } from '../shared/mutation-input';
import { PAYLOAD_POSITION, PAYLOAD_REVISION, payloadEntity } from '../shared/payload-descriptions';
import { ContactNode } from './contact.types';
import { WRITERS, Roles } from '../auth/roles.decorator';

const TEXT = 200;

/** What the personal fields accept; the domain's value parsers decide (PersonName, Email, Phone). */
const NAME = 'One line, 1 to 200 characters (whitespace collapsed); personal, so encrypted in the log.';
const EMAIL = 'An email address such as jane@acme.com; its domain is stored in lowercase.';
const PHONE = 'A phone number, stored in E.164 form; one without a country code ("+") is read as Dutch.';
const JOB_TITLE = 'One line, up to 200 characters.';
const CLEARS = 'Omit to keep it; null or "" clears it.';

@InputType({ description: 'A person to add as a contact at an account.' })
export class AddContactInput extends MutationInput {
  @Field(() => ID, {
    nullable: true,
    description: "The new contact's id (a UUID) if you choose it; else one derived from `commandId`, so a retry with the same commandId adds no second contact.",
  })
  @IsOptional() @IsUUID() id?: string;
  @Field(() => ID, { description: 'The account the person works at; it must exist (else RULE_VIOLATION ACCOUNT_NOT_FOUND).' })
  @IsUUID() accountId!: string;
  @Field({ description: `First name. ${NAME}` }) @IsString() @MaxLength(TEXT) firstName!: string;
  @Field({ description: `Last name. ${NAME}` }) @IsString() @MaxLength(TEXT) lastName!: string;
  @Field({ nullable: true, description: `${EMAIL} Omitted or "": none.` }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: `${PHONE} Omitted or "": none.` }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true, description: `Job title at the account. ${JOB_TITLE}` }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship, { description: 'How the person is tied to the account.' })
  @IsEnum(ContactRelationship) relationship!: ContactRelationship;
}

@InputType({ description: 'New details of an active contact: omitted fields stay as they are.' })
export class UpdateContactDetailsInput extends MutationInput {
  @Field(() => ID, { description: 'The contact to change.' }) @IsUUID() contactId!: string;
  @Field({ nullable: true, description: `New first name; omit to keep it. ${NAME}` }) @IsOptional() @IsString() @MaxLength(TEXT) firstName?: string;
  @Field({ nullable: true, description: `New last name; omit to keep it. ${NAME}` }) @IsOptional() @IsString() @MaxLength(TEXT) lastName?: string;
  @Field({ nullable: true, description: `${EMAIL} ${CLEARS}` }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: `${PHONE} ${CLEARS}` }) @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @Field({ nullable: true, description: `New job title. ${JOB_TITLE} ${CLEARS}` }) @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship, { nullable: true, description: 'New relationship to the account; omit to keep it.' })
  @IsOptional() @IsEnum(ContactRelationship) relationship?: ContactRelationship;
}

@InputType({ description: 'A contact who now works at another account, or is back at one after leaving.' })
export class MoveContactInput extends MutationInput {
  @Field(() => ID, { description: 'The contact who moves.' }) @IsUUID() contactId!: string;
  @Field(() => ID, { description: 'The account they now work at; it must exist (else RULE_VIOLATION ACCOUNT_NOT_FOUND).' })
  @IsUUID() toAccountId!: string;
  @Field({ nullable: true, description: `Job title at the new account. ${JOB_TITLE} Omit to keep the current one; null or "" clears it.` })
  @IsOptional() @IsString() @MaxLength(TEXT) jobTitle?: string;
  @Field(() => ContactRelationship, { nullable: true, description: 'Relationship to the new account; omit to keep the current one.' })
  @IsOptional() @IsEnum(ContactRelationship) relationship?: ContactRelationship;
}

@InputType({ description: 'A contact who left their account.' })
export class MarkContactLeftInput extends MutationInput {
  @Field(() => ID, { description: 'The contact who left.' }) @IsUUID() contactId!: string;
}

@ObjectType({ description: 'What a contact mutation wrote.' })
@Roles(...WRITERS)
export class ContactPayload {
  @Field(() => ContactNode, { nullable: true, description: payloadEntity('contact') }) contact!: ContactNode | null | Promise<ContactNode | null>;
  @Field(() => Int, { nullable: true, description: PAYLOAD_REVISION }) revision!: number | null;
  @Field(() => String, { nullable: true, description: PAYLOAD_POSITION }) position!: string | null;
  @Field({ description: REPLAYED }) replayed!: boolean;
}
